/** Splunk HTTP Event Collector: one POST per batch through the one outbound client; a 2xx acknowledges it. */
import { AppError, toAppError } from '../../../shared/errors'
import { isLoopbackHost } from '../net/outboundAgents'
import { sendOutbound, type OutboundResponse } from '../net/outboundHttp'
import type { OutboundUrlRule } from '../net/outboundUrl'
import type { ForwardEntry, ForwardSender } from './forwardEntry'
import { hecBody, hecTestBody } from './hecEvent'

export interface HecTarget {
  /** Base URL, e.g. https://splunk.example.com:8088 */
  url: string
  token: string
}

const MAX_ANSWER_BYTES = 64 * 1024

export function hecEndpoint(base: string): string {
  return `${base.replace(/\/+$/, '')}/services/collector/event`
}

/** https anywhere; plain http only to this machine (a local forwarder or test receiver). */
function linksFor(url: string): OutboundUrlRule {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname) ? { allowedLoopbackOrigin: parsed.origin } : {}
  } catch {
    return {}
  }
}

/** A request that got no answer, said in HEC's terms (the outbound client's own hint speaks of orgs and regions). */
function unreachable(error: unknown): AppError {
  const failure = toAppError(error)
  return new AppError({
    code: failure.code,
    message: `Splunk HEC: ${failure.message}`,
    hint: 'Check the HEC URL (host and port, usually 8088) and that Splunk is reachable from this machine (firewall, VPN, proxy).',
  })
}

export async function postHec(target: HecTarget, body: Buffer, signal?: AbortSignal): Promise<OutboundResponse> {
  const url = hecEndpoint(target.url)
  return sendOutbound({
    method: 'POST',
    url,
    links: linksFor(url),
    headers: { Authorization: `Splunk ${target.token}`, 'Content-Type': 'application/json' },
    body,
    maxBodyBytes: MAX_ANSWER_BYTES,
    idleTimeoutMs: 30_000,
    retry: { maxAttempts: 1 },
    ...(signal ? { signal } : {}),
  }).catch((error: unknown) => {
    throw unreachable(error)
  })
}

export function hecStatusError(status: number, body: Buffer): AppError {
  const text = body.toString('utf8', 0, Math.min(body.length, 500))
  const hint =
    status === 401 || status === 403
      ? 'The HEC token was refused: check it in Splunk (Settings › Data inputs › HTTP Event Collector) and enter it again.'
      : status === 400
        ? 'Splunk could not read the events; check that the token allows the switchboard:audit sourcetype and its index exists.'
        : status === 503
          ? 'Splunk is busy or the HEC is disabled; forwarding retries with back-off.'
          : 'Check the HEC URL (the base, e.g. https://splunk.example.com:8088) and the Splunk server.'
  return new AppError({ code: 'network', message: `Splunk HEC answered HTTP ${status}: ${text}`, status, hint })
}

export class HecSender implements ForwardSender {
  private listeners: ((seq: number) => void)[] = []
  private control = new AbortController()

  constructor(private readonly target: HecTarget) {}

  onAck(listener: (seq: number) => void): void {
    this.listeners.push(listener)
  }

  async send(entries: ForwardEntry[]): Promise<void> {
    if (entries.length === 0) return
    const response = await postHec(this.target, hecBody(entries), this.control.signal)
    if (response.status < 200 || response.status > 299) throw hecStatusError(response.status, response.body)
    const last = entries[entries.length - 1].seq
    for (const listener of this.listeners) listener(last)
  }

  reset(): void {}

  async close(): Promise<void> {
    this.control.abort()
  }

  static async test(target: HecTarget, at: Date): Promise<{ status: number; answer: string }> {
    const response = await postHec(target, hecTestBody(at))
    const text = response.body.toString('utf8', 0, Math.min(response.body.length, 2000))
    if (response.status < 200 || response.status > 299) throw hecStatusError(response.status, response.body)
    return { status: response.status, answer: `HTTP ${response.status}: ${text}` }
  }
}
