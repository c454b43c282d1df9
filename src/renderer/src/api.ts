/**
 * The typed client over the contract in src/shared/api.ts. In Electron it uses window.switchboard from
 * the preload; in a browser it builds the web bridge (HTTP + WebSocket to the web shell).
 */
import {
  methods,
  type SignalName,
  type SignalPayload,
  type MethodInput,
  type MethodName,
  type MethodResult,
  type SwitchboardBridge,
} from '../../shared/api'
import { AppError, toAppError } from '../../shared/errors'
import { useSession } from './session'
import { createWebBridge, type WebBridge } from './transport/webBridge'
import { forgetToken, takeToken } from './transport/tokenStore'
import { unwrapInvokeResponse } from './transport/responses'

let bridge: SwitchboardBridge | null = null
const reconnectListeners = new Set<() => void>()

function tokenWasRejected(): void {
  forgetToken()
  useSession.getState().setTokenProblem('rejected')
}

/** Picks the transport. Returns false when the web shell's token is missing. */
export function connectBridge(): boolean {
  const session = useSession.getState()
  if (window.switchboard) {
    bridge = window.switchboard
    session.setShell('electron')
    return true
  }
  session.setShell('web')
  const token = takeToken()
  if (!token) {
    session.setTokenProblem('missing')
    return false
  }
  bridge = createWebBridge(token, {
    onTokenRejected: tokenWasRejected,
    onSocketState: (state, attempt) => useSession.getState().setSocket(state, attempt),
    onReconnected: () => reconnectListeners.forEach((listener) => listener()),
  })
  return true
}

function requireBridge(): SwitchboardBridge {
  if (!bridge) {
    throw new AppError({
      code: 'internal',
      message: 'Switchboard is not connected to its core.',
      hint: 'Open the address printed by npm run web / npm start, including #token=...',
    })
  }
  return bridge
}

/** Calls one method of the contract; resolves with its result or throws an AppError. */
async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const target = requireBridge()
  const checked = methods[method].input.safeParse(input)
  if (!checked.success) throw toAppError(checked.error)
  let response: unknown
  try {
    response = await target.invoke(method, input)
  } catch (error) {
    throw toAppError(error)
  }
  return unwrapInvokeResponse<MethodResult<M>>(response)
}

function on<E extends SignalName>(event: E, listener: (payload: SignalPayload<E>) => void): () => void {
  return requireBridge().on(event, listener)
}

/** A path the core can read: Electron resolves it; the web shell stages the bytes first. */
async function pathForFile(file: File, slot?: string): Promise<string> {
  const target = requireBridge()
  if (target.pathForFile) return target.pathForFile(file)
  if ('stageFile' in target) return (target as WebBridge).stageFile(file, slot)
  throw new AppError({
    code: 'file',
    message: `No path is available for ${file.name}.`,
    hint: 'Pick the file with the file dialog instead.',
  })
}

/** Called after the event stream reconnects, so screens can refetch what they may have missed. */
function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener)
  return () => reconnectListeners.delete(listener)
}

export const api = { call, on, pathForFile, onReconnected }
