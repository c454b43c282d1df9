/**
 * The preload exposes exactly one object, window.switchboard, derived from the contract in shared/.
 * Method and event names outside the contract are refused here, before anything reaches ipcRenderer;
 * the main process checks again (sender, method, input), so this is a first gate, not the only one.
 * Built as CommonJS because the window runs with sandbox: true.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { METHOD_NAMES, SIGNAL_NAMES } from '../shared/api'
import type { SignalName, InvokeResponse, MethodName, SwitchboardBridge } from '../shared/api'
import { AppError } from '../shared/errors'

// Kept in step with src/main/ipc.ts (the preload may not import main code).
const INVOKE_CHANNEL = 'switchboard:invoke'
const EVENT_CHANNEL = 'switchboard:event'

const allowedMethods: ReadonlySet<string> = new Set(METHOD_NAMES)
const allowedEvents: ReadonlySet<string> = new Set(SIGNAL_NAMES)
const listeners = new Map<SignalName, Set<(payload: unknown) => void>>()

function refuse(message: string): InvokeResponse<never> {
  return {
    ok: false,
    error: new AppError({
      code: 'invalid_input',
      message,
      hint: 'This is a bug in Switchboard: the window asked for something the app does not offer.',
    }).toData(),
  }
}

async function invoke(method: unknown, input: unknown): Promise<InvokeResponse<unknown>> {
  if (typeof method !== 'string' || !allowedMethods.has(method))
    return refuse(`Unknown method ${JSON.stringify(String(method)).slice(0, 100)}.`)
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNEL, method as MethodName, input)) as InvokeResponse<unknown>
  } catch (error) {
    // Only reached if the main process is gone or threw outside the binding; keep the message, drop the stack.
    return {
      ok: false,
      error: new AppError({
        code: 'internal',
        message: `The call ${method} did not reach Switchboard: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Restart Switchboard. Running jobs resume when it starts again.',
      }).toData(),
    }
  }
}

function on(event: unknown, listener: unknown): () => void {
  if (typeof event !== 'string' || !allowedEvents.has(event))
    throw new Error(`Unknown event ${JSON.stringify(String(event)).slice(0, 100)}.`)
  if (typeof listener !== 'function') throw new Error('The event listener must be a function.')
  const name = event as SignalName
  const set = listeners.get(name) ?? new Set()
  listeners.set(name, set)
  const callback = listener as (payload: unknown) => void
  set.add(callback)
  return () => {
    set.delete(callback)
  }
}

// One ipcRenderer listener for all events; the IpcRendererEvent (it exposes `sender`) never reaches the page.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !allowedEvents.has(name)) return
  for (const listener of listeners.get(name as SignalName) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      console.error(`A listener for ${name} failed:`, error)
    }
  }
})

const bridge: SwitchboardBridge = {
  invoke: invoke as SwitchboardBridge['invoke'],
  on: on as SwitchboardBridge['on'],
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  shell: 'electron',
}

contextBridge.exposeInMainWorld('switchboard', bridge)
