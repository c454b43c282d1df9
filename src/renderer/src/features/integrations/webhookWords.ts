import type {
  WebhookAttemptView,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEventType,
  WebhookTestResult,
} from '../../../../shared/contract/webhooks'
import type { DotTone } from '../../ui/dotTone'
import { formatCount, formatMs } from '../../ui/format'

/** Pure wording of Settings › Integrations, kept apart so it can be unit-tested. */

export const EVENT_TYPE_WORDS: Record<WebhookEventType, string> = {
  'recording.uploaded': 'Recording uploaded',
  'prompt.uploaded': 'Prompt uploaded',
  'media.url.generated': 'Download link made',
  'privacy.export.completed': 'Privacy export completed',
  'flow.versions.archived': 'Flow versions archived',
  'schema.updated': 'Schema updated',
}

/** An event type in words; the test event and any type this version does not know, as sent. */
export function eventTypeText(type: string): string {
  if (type === 'switchboard.test') return 'Test event'
  return (EVENT_TYPE_WORDS as Record<string, string>)[type] ?? type
}

export const DELIVERY_STATE_WORDS: Record<string, string> = {
  queued: 'Queued',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
}

/** A delivery state in words, raw when this version does not know it. */
export function deliveryStateText(state: string): string {
  return DELIVERY_STATE_WORDS[state] ?? state
}

export function deliveryStateTone(state: string): DotTone {
  if (state === 'delivered') return 'ok'
  if (state === 'failed') return 'bad'
  if (state === 'queued' || state === 'retrying') return 'busy'
  return 'idle'
}

export type EndpointHealth =
  { kind: 'disabled'; reason: string } | { kind: 'off' } | { kind: 'failing'; since: string } | { kind: 'healthy' } | { kind: 'unused' }

/** Switchboard's own disabling wins over the admin's switch; failing only counts while it is on. */
export function endpointHealth(
  view: Pick<WebhookEndpointView, 'enabled' | 'disabledReason' | 'failingSince' | 'lastDeliveryAt'>,
): EndpointHealth {
  if (view.disabledReason) return { kind: 'disabled', reason: view.disabledReason }
  if (!view.enabled) return { kind: 'off' }
  if (view.failingSince) return { kind: 'failing', since: view.failingSince }
  if (view.lastDeliveryAt) return { kind: 'healthy' }
  return { kind: 'unused' }
}

export function endpointHealthTone(health: EndpointHealth): DotTone {
  if (health.kind === 'healthy') return 'ok'
  if (health.kind === 'failing' || health.kind === 'disabled') return 'bad'
  return 'idle'
}

/** The words beside the dot; a failing endpoint's start time is shown next to them by the screen. */
export function endpointHealthText(health: EndpointHealth): string {
  switch (health.kind) {
    case 'disabled':
      return 'Disabled by Switchboard'
    case 'off':
      return 'Off'
    case 'failing':
      return 'Failing since'
    case 'healthy':
      return 'Healthy'
    case 'unused':
      return 'Nothing sent yet'
  }
}

/** "2 delivered · 1 pending · 1 failed" (the zeros left out; "No events yet" when all are). */
export function countsText(counts: WebhookEndpointView['counts']): string {
  const parts: string[] = []
  if (counts.delivered) parts.push(`${formatCount(counts.delivered)} delivered`)
  if (counts.pending) parts.push(`${formatCount(counts.pending)} pending`)
  if (counts.failed) parts.push(`${formatCount(counts.failed)} failed`)
  return parts.length ? parts.join(' · ') : 'No events yet'
}

/** "Recording uploaded, Prompt uploaded" or "All events" when every type is chosen. */
export function eventsText(events: readonly string[], allCount: number): string {
  if (events.length === allCount) return 'All events'
  return events.map(eventTypeText).join(', ')
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * The address rule said before the core is asked (the core checks it again): https anywhere, http only to
 * this computer, no user name or password in the address. Undefined when the address is fine.
 */
export function urlProblem(text: string): string | undefined {
  const trimmed = text.trim()
  if (!trimmed) return 'Type the address the events are sent to.'
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return 'That is not a web address: start it with https://'
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address; the signature proves the sender.'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname) ? undefined : 'Use https: plain http is allowed only to this computer (127.0.0.1, ::1, localhost).'
  }
  return 'Use an https:// address.'
}

/** One attempt in words: "200", "503 · Service Unavailable", or "No answer · timed out". */
export function attemptOutcomeText(attempt: Pick<WebhookAttemptView, 'status' | 'error'>): string {
  const head = attempt.status !== undefined ? String(attempt.status) : 'No answer'
  return attempt.error ? `${head} · ${attempt.error}` : head
}

/** The last attempt's status, or a dash when none was made or none answered. */
export function lastStatusText(delivery: Pick<WebhookDeliveryView, 'attempts'>): string {
  const last = delivery.attempts.at(-1)
  if (!last) return '—'
  return last.status !== undefined ? String(last.status) : 'No answer'
}

export function lastLatencyText(delivery: Pick<WebhookDeliveryView, 'attempts'>): string {
  const last = delivery.attempts.at(-1)
  return last ? formatMs(last.latencyMs) : '—'
}

export function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300
}

/** The headline of a "Send test event" result. */
export function testResultTitle(result: Pick<WebhookTestResult, 'status' | 'error' | 'latencyMs'>): string {
  if (result.status === undefined) return `No answer after ${formatMs(result.latencyMs)}`
  const verdict = isSuccessStatus(result.status) ? 'accepted the test event' : 'refused the test event'
  return `The endpoint ${verdict}: HTTP ${result.status} in ${formatMs(result.latencyMs)}`
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The days the admin picked (both included, the computer's own time zone) as the core's [from, to):
 * from the first day's midnight to the midnight after the last day.
 */
export function periodRange(fromDay: string, toDay: string): { from: string; to: string } | { problem: string } {
  if (!DAY.test(fromDay) || !DAY.test(toDay)) return { problem: 'Choose the first and the last day.' }
  const [fy, fm, fd] = fromDay.split('-').map(Number)
  const [ty, tm, td] = toDay.split('-').map(Number)
  const from = new Date(fy, fm - 1, fd)
  const to = new Date(ty, tm - 1, td + 1)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return { problem: 'Choose the first and the last day.' }
  if (to <= from) return { problem: 'The last day comes before the first.' }
  return { from: from.toISOString(), to: to.toISOString() }
}

export function queuedText(n: number): string {
  if (n === 0) return 'No failed events in that period: nothing was sent again.'
  return `${formatCount(n)} failed ${n === 1 ? 'event' : 'events'} queued again.`
}
