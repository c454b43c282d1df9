import { isSignalName, type SignalName } from '../../../shared/api'
import { reconnectDelayMs } from './backoff'

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface EventSocketHandlers {
  onEvent: (event: SignalName, payload: unknown) => void
  /** `attempt` counts the tries since the socket was last open (1 for the first retry). */
  onState: (state: SocketState, attempt: number) => void
  /** The socket came back after a drop: events may have been missed. */
  onReconnected: () => void
  /** The socket closed and will be retried (a refused upgrade shows as a plain drop, so the caller may probe why). */
  onDropped?: (attempt: number) => void
}

/** Close codes the web shell uses to refuse a token; reconnecting would not help. */
const REFUSED_CODES = new Set([1008, 4401, 4403])

/** One WebSocket to /api/events carrying {"event": name, "payload": ...}, reconnecting with backoff. */
export function openEventSocket(url: string, handlers: EventSocketHandlers, onRefused: () => void): { close: () => void } {
  let socket: WebSocket | null = null
  let attempt = 0
  let everOpened = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const connect = (): void => {
    handlers.onState(everOpened ? 'reconnecting' : 'connecting', attempt)
    socket = new WebSocket(url)
    socket.onopen = () => {
      attempt = 0
      handlers.onState('open', 0)
      if (everOpened) handlers.onReconnected()
      everOpened = true
    }
    socket.onmessage = (message) => dispatch(message.data, handlers.onEvent)
    socket.onclose = (close) => {
      socket = null
      if (stopped) return
      if (REFUSED_CODES.has(close.code)) {
        stopped = true
        handlers.onState('closed', attempt)
        onRefused()
        return
      }
      attempt++
      handlers.onState(everOpened ? 'reconnecting' : 'connecting', attempt)
      handlers.onDropped?.(attempt)
      timer = setTimeout(connect, reconnectDelayMs(attempt - 1))
    }
  }

  connect()
  return {
    close: () => {
      stopped = true
      clearTimeout(timer)
      socket?.close()
      handlers.onState('closed', attempt)
    },
  }
}

function dispatch(data: unknown, onEvent: EventSocketHandlers['onEvent']): void {
  if (typeof data !== 'string') return
  let message: unknown
  try {
    message = JSON.parse(data)
  } catch {
    console.warn('Switchboard: ignored an event that is not JSON')
    return
  }
  const record = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {}
  if (!isSignalName(record.event)) {
    console.warn('Switchboard: ignored an unknown event', record.event)
    return
  }
  onEvent(record.event, record.payload)
}
