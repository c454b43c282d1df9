/**
 * The outbound module's path for small requests sent many times a second to the same few origins (event
 * delivery): one attempt, a body in memory, the start of the answer kept. It is built on undici (the
 * engine of Node's own fetch) rather than node:http: per request it costs about a quarter less CPU
 * (measured: webhook-1000 in docs/design-notes.md), and a burst of events is CPU-bound. The rules are the
 * module's: the same link rule on every request, no redirect followed, no proxy for this machine and the
 * environment's proxy for any other host, a cap on what is read, timeouts for silence and for the whole.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import { AppError } from '../../../shared/errors'
import { isLoopbackHost } from './outboundAgents'
import { cancelled, outboundError, timedOut } from './outboundErrors'
import { checkOutboundUrl, type OutboundUrlRule } from './outboundUrl'

export interface SmallPost {
  url: URL
  links: OutboundUrlRule
  /** Sent as given; Content-Length is added for the body. */
  headers: Record<string, string>
  body: Buffer
  /** Of the answer only this much is read; the rest is left unread (the connection is then closed). */
  maxAnswerBytes: number
  /** Both for silence (waiting for the answer's head, or between its chunks) and for the whole exchange. */
  timeoutMs: number
  signal: AbortSignal
}

export interface SmallAnswer {
  status: number
  headers: IncomingHttpHeaders
  /** The answer's first maxAnswerBytes bytes, as they came (a POST asks for no compression). */
  body: Buffer
  latencyMs: number
}

/** Idle pooled connections are dropped after this long, as node:http's pools in outboundAgents. */
const KEEP_ALIVE_MS = 15_000

let loopback: Dispatcher | undefined
let remote: Dispatcher | undefined

/** Made at first use: the remote pool reads HTTPS_PROXY / NO_PROXY then, as node:http's pools do when they are made. */
function dispatcherFor(url: URL): Dispatcher {
  if (isLoopbackHost(url.hostname)) return (loopback ??= new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS }))
  return (remote ??= new EnvHttpProxyAgent({ keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS }))
}

/** Sends the request once and returns any answer; no answer (refused, reset, timed out, stopped) rejects with an OutboundError. */
export function postSmall(request: SmallPost): Promise<SmallAnswer> {
  return new Promise<SmallAnswer>((resolve, reject) => new SmallPostExchange(request, resolve, reject).start())
}

/**
 * One exchange as undici's dispatch handler: the answer's chunks come to onResponseData with no stream
 * or promise built for them (the request() API makes both, a visible share of a small request's cost).
 */
class SmallPostExchange implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController
  private status = 0
  private headers: IncomingHttpHeaders = {}
  private readonly chunks: Buffer[] = []
  private length = 0
  private settled = false
  private deadline?: NodeJS.Timeout
  private readonly started = performance.now()
  private url?: URL

  constructor(
    private readonly request: SmallPost,
    private readonly resolve: (answer: SmallAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(): void {
    const request = this.request
    try {
      this.url = checkOutboundUrl(request.url, request.links)
    } catch (error) {
      this.settle(error)
      return
    }
    if (request.signal.aborted) {
      this.settle(cancelled())
      return
    }
    this.deadline = setTimeout(() => this.abort(timedOut('deadline passed', { deadlineMs: request.timeoutMs })), request.timeoutMs)
    inFlightUnder(request.signal).add(this)
    const url = this.url
    dispatcherFor(url).dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
      },
      this,
    )
  }

  /** Ends the exchange from our side (a stop, the deadline). */
  abort(reason: Error): void {
    if (this.settled) return
    this.settle(reason)
    this.controller?.abort(reason)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.settled) controller.abort(new Error('the exchange had already ended'))
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode
    this.headers = headers
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return
    const room = this.request.maxAnswerBytes - this.length
    if (chunk.length < room) {
      this.chunks.push(chunk)
      this.length += chunk.length
      return
    }
    // A longer answer is cut here and the rest left unread: the status is what counts.
    this.chunks.push(chunk.subarray(0, room))
    this.length += room
    this.settle()
    controller.abort(new Error('the rest of the answer was not read'))
  }

  onResponseEnd(): void {
    this.settle()
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(error)
  }

  /** Resolves with the answer, or (given an error) rejects in the module's words; only the first call counts. */
  private settle(error?: unknown): void {
    if (this.settled) return
    this.settled = true
    clearTimeout(this.deadline)
    inFlightUnder(this.request.signal).delete(this)
    if (error === undefined) {
      this.resolve({
        status: this.status,
        headers: this.headers,
        body: this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length),
        latencyMs: Math.round(performance.now() - this.started),
      })
      return
    }
    const host = this.url?.host ?? this.request.url.host
    this.reject(outboundError(inOurWords(error, this.request, host), { host, idleTimeoutMs: this.request.timeoutMs, bodySent: false }))
  }
}

/**
 * The exchanges running under a caller's stop signal, which has one listener for all of them (one
 * listener added and removed per request was a visible share of a small one).
 */
const inFlight = new WeakMap<AbortSignal, Set<SmallPostExchange>>()

function inFlightUnder(signal: AbortSignal): Set<SmallPostExchange> {
  let exchanges = inFlight.get(signal)
  if (!exchanges) {
    const set = new Set<SmallPostExchange>()
    exchanges = set
    inFlight.set(signal, set)
    signal.addEventListener(
      'abort',
      () => {
        for (const exchange of [...set]) exchange.abort(cancelled())
      },
      { once: true },
    )
  }
  return exchanges
}

/** undici's errors as the codes the module's error words know (timeouts, a stop, the socket's own cause). */
function inOurWords(error: unknown, request: SmallPost, host: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code
  if (request.signal.aborted) return cancelled()
  const proxyStatus = /^Proxy response \((\d+)\)/.exec(error instanceof Error ? error.message : '')?.[1]
  if (proxyStatus)
    return new AppError({
      code: 'network',
      message: `The proxy named in HTTPS_PROXY did not connect Switchboard to ${host}: it answered ${proxyStatus}.`,
      hint: 'Ask whoever runs the proxy to allow this address, or name it in NO_PROXY if it is reached directly.',
    })
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return timedOut('nothing received')
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return timedOut('no connection')
  if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
    return (error as { cause?: unknown }).cause ?? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
  return error
}
