import type { SignalName, SignalPayload, SwitchboardBridge } from '../../../shared/api'
import { eventSocketUrl } from './token'
import { openEventSocket, type SocketState } from './eventSocket'
import { invokeOverHttp } from './invokeOverHttp'
import { stageFile } from './stageFile'

export interface WebBridgeHooks {
  onTokenRejected: () => void
  onSocketState: (state: SocketState, attempt: number) => void
  onReconnected: () => void
}

export interface WebBridge extends SwitchboardBridge {
  shell: 'web'
  /** `slot`: where the core said a checked recording goes (uploads.stage.check). */
  stageFile: (file: File, slot?: string) => Promise<string>
}

type Listener = (payload: never) => void

/** The same contract as the Electron preload, over HTTP (invoke) and one WebSocket (events). */
export function createWebBridge(token: string, hooks: WebBridgeHooks): WebBridge {
  const listeners = new Map<SignalName, Set<Listener>>()
  // Once the token is refused nothing will work: stop the socket's reconnect loop too.
  const rejected = (): void => {
    socket.close()
    hooks.onTokenRejected()
  }

  const socket = openEventSocket(
    eventSocketUrl(location.protocol, location.host, token),
    {
      onEvent: (event, payload) => {
        for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload)
      },
      onState: hooks.onSocketState,
      onReconnected: hooks.onReconnected,
      // A server that came back with a rotated token refuses the socket's upgrade, which a browser reports
      // as a plain drop: one call tells "still away" (no answer) from "token refused" (401).
      onDropped: () => void invokeOverHttp(token, 'app.info', {}, rejected),
    },
    rejected,
  )

  return {
    shell: 'web',
    invoke: (method, input) => invokeOverHttp(token, method, input, rejected) as never,
    on<E extends SignalName>(event: E, listener: (payload: SignalPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(listener as Listener)
      listeners.set(event, set)
      return () => set.delete(listener as Listener)
    },
    stageFile: (file, slot) => stageFile(token, file, rejected, slot),
  }
}
