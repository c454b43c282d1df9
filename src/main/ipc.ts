/**
 * The one IPC binding between the renderer and the core, derived from the contract in shared/api.ts.
 *
 * One channel carries every call as (method, input). Before the core sees anything the binding checks
 * that the sender is the app's own main frame showing our renderer (after VS Code's ipcMain
 * validation); then the core's invokeMethod (shared with the web shell) rejects unknown methods and
 * parses the input with the method's zod schema. Every answer is an InvokeResponse: errors cross as
 * AppError data, never as a thrown error or a stack.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'
import { SIGNAL_NAMES } from '../shared/api'
import type { InvokeResponse } from '../shared/api'
import { AppError } from '../shared/errors'
import { invokeMethod } from './core/invoke'
import type { Core } from './core/types'

export const INVOKE_CHANNEL = 'switchboard:invoke'
export const EVENT_CHANNEL = 'switchboard:event'

type FrameLike = Pick<WebFrameMain, 'url' | 'parent' | 'processId' | 'frameToken'>
type WebContentsLike = Pick<WebContents, 'id' | 'isDestroyed' | 'send'> & { readonly mainFrame: FrameLike }
export type SenderEvent = { readonly senderFrame: FrameLike | null; readonly sender: Pick<WebContents, 'id'> }
export type SenderCheck = (event: SenderEvent) => boolean

/**
 * Where our renderer lives: the built page at app://switchboard/index.html (any #route), or the dev
 * server's origin in `electron-vite dev`. file:// pages are never ours: the app does not load them.
 */
export function isRendererUrl(candidate: string, rendererUrl: string): boolean {
  const actual = parseUrl(candidate)
  const expected = parseUrl(rendererUrl)
  if (!actual || !expected || actual.protocol !== expected.protocol) return false
  // app: is not a special scheme to WHATWG URL, so its origin reads "null": compare the parts.
  if (expected.protocol === 'app:') {
    return actual.host === expected.host && actual.pathname === expected.pathname && actual.username === '' && actual.password === ''
  }
  if (expected.protocol === 'http:' || expected.protocol === 'https:') return actual.origin === expected.origin
  return false
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.frameToken === b.frameToken)
}

/** Our windows' web contents that currently show our renderer in their main frame. */
export function trustedWebContents(windows: () => readonly WebContentsLike[], rendererUrl: string): WebContentsLike[] {
  return windows().filter((contents) => !contents.isDestroyed() && isRendererUrl(contents.mainFrame.url, rendererUrl))
}

/**
 * A sender is trusted when it is the top frame of one of our windows and that frame shows our renderer.
 * Subframes, other web contents and pages that navigated elsewhere are refused.
 */
export function createSenderCheck(windows: () => readonly WebContentsLike[], rendererUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null) return false
    const owner = windows().find((contents) => contents.id === event.sender.id && !contents.isDestroyed())
    if (!owner || !isSameFrame(frame, owner.mainFrame)) return false
    return isRendererUrl(frame.url, rendererUrl)
  }
}

export interface IpcBindingOptions {
  /** Web contents that receive core events; pass trustedWebContents(...). */
  eventTargets: () => readonly Pick<WebContents, 'isDestroyed' | 'send'>[]
  /** Where refused calls are reported in the main process; default console.warn. */
  log?: (message: string) => void
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>

/** Binds the core to IPC; returns a function that unbinds the channel and all event subscriptions. */
export function bindCoreToIpc(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'handlers' | 'on'>,
  isTrustedSender: SenderCheck,
  options: IpcBindingOptions,
): () => void {
  const log = options.log ?? ((message: string) => console.warn(message))

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      log(`Refused IPC call ${describeMethod(method)} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`)
      return refusal(untrustedSender())
    }
    return invokeMethod(core.handlers, method, input)
  })

  const unsubscribes = SIGNAL_NAMES.map((name) =>
    core.on(name, (payload) => {
      for (const contents of options.eventTargets()) {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload)
      }
    }),
  )

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    for (const unsubscribe of unsubscribes) unsubscribe()
  }
}

function refusal(error: AppError): InvokeResponse<never> {
  return { ok: false, error: error.toData() }
}

function describeMethod(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method.slice(0, 100)) : `(${typeof method})`
}

function untrustedSender(): AppError {
  return new AppError({
    code: 'forbidden',
    message: 'This call did not come from the Switchboard window and was refused.',
    hint: 'Only the app’s own window may call the app. Reload the window if this keeps happening.',
  })
}
