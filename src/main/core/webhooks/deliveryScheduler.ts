/**
 * Sends what the outbox holds. Each endpoint has its own queue, ordered by event time, with one attempt
 * in flight: a slow, hanging or dead endpoint holds only its own queue, never another's nor the workflow
 * that emitted the event (intake only queues). A failed attempt is retried later from the outbox, so a
 * retry survives a restart; the wait is a timer on this endpoint alone.
 */
import type { WorkflowServices } from '../workflow'
import { auditAttempt, auditEndpoint } from './deliveryAudit'
import { isPending, type AttemptChange, type StoredAttempt, type StoredDelivery } from './deliveryRecord'
import { disabledNotice } from './disabledNotice'
import type { EndpointStore, StoredEndpoint } from './endpointStore'
import { endpointUrlOf } from './endpointUrl'
import { envelopeOf } from './envelope'
import type { OutboxStore } from './outboxStore'
import { postAttempt, type AttemptOutcome } from './postAttempt'
import { GIVE_UP_AFTER_MS, isRetryableStatus, retryDelayMs, type DeliveryTuning } from './retrySchedule'
import { DeferredRecords } from './deferredRecords'
import { SignedAhead } from './signedAhead'
import { signDelivery, type SignedRequest } from './signer'
import type { SigningSecrets } from './signingSecrets'

interface EndpointQueue {
  /** Pending deliveries, oldest event first. */
  pending: StoredDelivery[]
  busy: boolean
  timer?: NodeJS.Timeout
  /** Its next deliveries, signed together while it has a backlog. */
  ahead?: SignedAhead
  /** Of its last answer: how many to sign ahead. */
  lastLatencyMs: number
}

export interface SchedulerParts {
  services: Pick<WorkflowServices, 'audit' | 'systemScope' | 'events' | 'notify' | 'now'>
  outbox: OutboxStore
  endpoints: EndpointStore
  secrets: SigningSecrets
  tuning: DeliveryTuning
}

export class DeliveryScheduler {
  private readonly queues = new Map<string, EndpointQueue>()
  private readonly stop = new AbortController()
  private readonly inFlight = new Set<Promise<void>>()
  private closed = false
  /** Deliveries accepted in this tick, recorded in the outbox, waiting together for the write. */
  private accepting?: StoredDelivery[]
  /** One webhooks.changed per endpoint per SIGNAL_EVERY_MS: a busy endpoint must not flood the screens. */
  private readonly signalTimers = new Map<string, NodeJS.Timeout>()
  /** Delivered attempts of a backlog, recorded a few at a time (see DeferredRecords). */
  private readonly deferred = new DeferredRecords<DeferredAttempt>(({ endpoint, delivery, at, outcome }) => {
    this.recorded(endpoint, delivery, at, outcome, true)
  })

  constructor(private readonly parts: SchedulerParts) {}

  /** Queues what the outbox still has to send (after a restart: the retries it had scheduled, the attempts it was making). */
  start(): void {
    const pending = [...this.parts.outbox.deliveries.values()].filter(isPending).sort(byEventTime)
    for (const delivery of pending) this.queueOf(delivery.endpointId).pending.push(delivery)
    for (const endpointId of this.queues.keys()) this.pump(endpointId)
  }

  /**
   * Records new deliveries in the outbox and starts them once they are written. Deliveries accepted in
   * the same tick (a burst of events) wait together: one write and one wait for all of them.
   */
  accept(deliveries: StoredDelivery[]): void {
    for (const delivery of deliveries) this.parts.outbox.put(delivery)
    if (this.accepting) {
      this.accepting.push(...deliveries)
      return
    }
    const batch = [...deliveries]
    this.accepting = batch
    queueMicrotask(() => {
      this.accepting = undefined
      const queueThem = () => this.queueAccepted(batch)
      this.parts.outbox.persisted().then(queueThem, queueThem)
    })
  }

  private queueAccepted(deliveries: StoredDelivery[]): void {
    if (this.closed) return
    const endpointIds = new Set<string>()
    for (const delivery of deliveries) {
      insertByEventTime(this.queueOf(delivery.endpointId), delivery)
      endpointIds.add(delivery.endpointId)
    }
    for (const endpointId of endpointIds) {
      this.pump(endpointId)
      this.changed(endpointId)
    }
  }

  /** Starts the endpoint's next delivery when it is due and nothing is in flight there. */
  pump(endpointId: string): void {
    const queue = this.queues.get(endpointId)
    if (this.closed || !queue || queue.busy) return
    const endpoint = this.parts.endpoints.find(endpointId)
    if (!endpoint) {
      this.forget(endpointId)
      return
    }
    const head = queue.pending[0]
    if (!endpoint.enabled || !head) return
    const waitMs = head.nextAttemptAt ? Date.parse(head.nextAttemptAt) - this.parts.services.now().getTime() : 0
    clearTimeout(queue.timer)
    if (waitMs > 0) {
      queue.timer = setTimeout(() => this.pump(endpointId), Math.min(waitMs, 2 ** 31 - 1))
      return
    }
    queue.busy = true
    const run = this.attempt(endpoint, head, queue)
      .catch((error: unknown) => console.error(`Event delivery to ${endpoint.id} failed unexpectedly:`, error))
      .finally(() => {
        queue.busy = false
        this.inFlight.delete(run)
        this.pump(endpointId)
      })
    this.inFlight.add(run)
  }

  /** One attempt outside any queue (Send test event): recorded, never retried. */
  async attemptNow(endpoint: StoredEndpoint, delivery: StoredDelivery): Promise<{ delivery: StoredDelivery; outcome: AttemptOutcome }> {
    const { outcome, at } = await this.post(endpoint, delivery)
    this.deferred.flush()
    const done = this.recorded(endpoint, delivery, at, outcome, false)
    return { delivery: done, outcome }
  }

  /** Drops the endpoint's queue (removed, or its deliveries failed); an attempt in flight finishes unrecorded. */
  forget(endpointId: string): void {
    // What it delivered is recorded before its deliveries go with it.
    this.deferred.flush()
    const queue = this.queues.get(endpointId)
    if (!queue) return
    clearTimeout(queue.timer)
    this.queues.delete(endpointId)
  }

  /** Stops: timers cleared, attempts in flight cut (they stay pending in the outbox and run again after a restart). */
  async close(): Promise<void> {
    this.closed = true
    for (const queue of this.queues.values()) clearTimeout(queue.timer)
    for (const timer of this.signalTimers.values()) clearTimeout(timer)
    this.stop.abort()
    await Promise.allSettled([...this.inFlight])
    this.deferred.flush()
  }

  private async attempt(endpoint: StoredEndpoint, delivery: StoredDelivery, queue: EndpointQueue): Promise<void> {
    const { outcome, at } = await this.post(endpoint, delivery, queue)
    if (this.closed) return
    queue.lastLatencyMs = outcome.latencyMs
    const current = this.parts.endpoints.find(endpoint.id)
    if (!current || this.queues.get(endpoint.id) !== queue || queue.pending[0]?.id !== delivery.id) return
    if (isDelivered(outcome) && queue.pending.length > 1) {
      queue.pending.shift()
      this.deferred.add({ endpoint: current, delivery, at, outcome })
      return
    }
    // In order: a failure recorded after the successes before it (failing-since, the audit log).
    this.deferred.flush()
    this.recorded(current, delivery, at, outcome, true)
    // Read back from the outbox: disabling the endpoint may have failed it meanwhile.
    const stored = this.parts.outbox.deliveries.get(delivery.id)
    if (queue.pending[0]?.id !== delivery.id) return
    if (stored && isPending(stored)) queue.pending[0] = stored
    else queue.pending.shift()
  }

  /** Signs and sends one attempt (the queue's head, or a test event outside any queue). */
  private async post(
    endpoint: StoredEndpoint,
    delivery: StoredDelivery,
    queue?: EndpointQueue,
  ): Promise<{ outcome: AttemptOutcome; at: Date }> {
    const at = this.parts.services.now()
    const keys = this.signingKeys(endpoint, at)
    const signed =
      (queue && this.signedAheadFor(queue, delivery, keys, at)) ?? signDelivery(delivery.eventId, envelopeOf(delivery), keys, at)
    const outcome = await postAttempt(endpointUrlOf(endpoint.url), signed, this.parts.tuning.timeoutMs, this.stop.signal)
    return { outcome, at }
  }

  /** The head's request as signed ahead; with a backlog and none left, the next few are signed now. */
  private signedAheadFor(queue: EndpointQueue, delivery: StoredDelivery, keys: string[], at: Date): SignedRequest | undefined {
    queue.ahead ??= new SignedAhead()
    const signed = queue.ahead.take(delivery.id, keys, at.getTime())
    if (signed || queue.pending.length < 2) return signed
    queue.ahead.fill(queue.pending, keys, at, queue.lastLatencyMs)
    return queue.ahead.take(delivery.id, keys, at.getTime())
  }

  /** The current secret, and the previous one while its grace period runs (dropped once it is over). */
  private signingKeys(endpoint: StoredEndpoint, at: Date): string[] {
    const expires = endpoint.previousSecretExpiresAt
    const previousValid = expires !== undefined && Date.parse(expires) > at.getTime()
    if (expires !== undefined && !previousValid) {
      this.parts.secrets.dropPrevious(endpoint.id)
      const { previousSecretExpiresAt: _dropped, ...rest } = endpoint
      this.parts.endpoints.replace(rest)
    }
    return this.parts.secrets.signingKeys(endpoint.id, previousValid)
  }

  /** The delivery after this attempt, stored and audited; `retry` false for a test event. */
  private recorded(endpoint: StoredEndpoint, delivery: StoredDelivery, at: Date, outcome: AttemptOutcome, retry: boolean): StoredDelivery {
    const attemptNumber = delivery.attempts.length + 1
    auditAttempt(this.parts.services, endpoint, delivery, attemptNumber, outcome)
    const attempt: StoredAttempt = { at: at.toISOString(), latencyMs: outcome.latencyMs }
    if (outcome.status !== undefined) attempt.status = outcome.status
    if (outcome.error) attempt.error = outcome.error
    const status = outcome.status
    const ok = isDelivered(outcome)
    const now = this.parts.services.now().getTime()
    let change: AttemptChange
    let disable = false
    if (ok) {
      change = { attempt, state: 'delivered' }
      if (retry) this.parts.outbox.setFailingSince(endpoint.id, undefined)
    } else {
      const failingSince = this.parts.outbox.failingSince.get(endpoint.id) ?? attempt.at
      if (retry) this.parts.outbox.setFailingSince(endpoint.id, failingSince)
      const firstAt = Date.parse(delivery.attempts[0]?.at ?? attempt.at)
      if (!retry) change = failed(attempt, status === undefined ? 'No answer came.' : `The endpoint answered ${status}.`)
      else if (status !== undefined && !isRetryableStatus(status)) change = failed(attempt, notRetried(status))
      else if (now - firstAt >= GIVE_UP_AFTER_MS) change = failed(attempt, 'Every attempt failed for 24 hours; Switchboard gave up.')
      else {
        const nextAttemptAt = new Date(now + retryDelayMs(attemptNumber, this.parts.tuning, outcome.retryAfterMs)).toISOString()
        change = { attempt, state: 'retrying', nextAttemptAt }
      }
      disable = retry && now - Date.parse(failingSince) >= GIVE_UP_AFTER_MS
    }
    const next = this.parts.outbox.putAttempt(delivery, change)
    if (disable) this.disable(endpoint, next)
    this.changed(endpoint.id)
    return next
  }

  /** Failing for 24 hours: the endpoint is switched off, its waiting deliveries failed, the admin told. */
  private disable(endpoint: StoredEndpoint, last: StoredDelivery): void {
    const since = this.parts.outbox.failingSince.get(endpoint.id) ?? last.attempts[0].at
    const disabledReason = `Every delivery failed for 24 hours (since ${since}); Switchboard stopped sending to it.`
    const disabled = this.parts.endpoints.replace({ ...endpoint, enabled: false, disabledReason })
    const queue = this.queues.get(endpoint.id)
    for (const pending of queue?.pending ?? []) {
      const current = this.parts.outbox.deliveries.get(pending.id) ?? pending
      if (!isPending(current)) continue
      const { nextAttemptAt: _dropped, ...rest } = current
      this.parts.outbox.put({ ...rest, state: 'failed', reason: DISABLED_REASON })
    }
    if (queue) queue.pending = []
    auditEndpoint(this.parts.services, 'disabled', disabled, { failingSince: since })
    this.parts.services.notify(disabledNotice(disabled))
  }

  private queueOf(endpointId: string): EndpointQueue {
    let queue = this.queues.get(endpointId)
    if (!queue) {
      queue = { pending: [], busy: false, lastLatencyMs: 0 }
      this.queues.set(endpointId, queue)
    }
    return queue
  }

  private changed(endpointId: string): void {
    if (this.closed || this.signalTimers.has(endpointId)) return
    const timer = setTimeout(() => {
      this.signalTimers.delete(endpointId)
      this.parts.services.events.emit('webhooks.changed', { endpointId })
    }, SIGNAL_EVERY_MS)
    timer.unref()
    this.signalTimers.set(endpointId, timer)
  }
}

const SIGNAL_EVERY_MS = 100

interface DeferredAttempt {
  endpoint: StoredEndpoint
  delivery: StoredDelivery
  at: Date
  outcome: AttemptOutcome
}

const isDelivered = (outcome: AttemptOutcome): boolean => outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300

export const DISABLED_REASON = 'The endpoint was disabled after failing for 24 hours.'

function failed(attempt: StoredAttempt, reason: string): AttemptChange {
  return { attempt, state: 'failed', reason }
}

function notRetried(status: number): string {
  if (status >= 300 && status < 400)
    return `The endpoint answered ${status} (a redirect); redirects are not followed. Enter the final address.`
  return `The endpoint answered ${status}; an answer like this will not change by sending again, so it is not retried.`
}

const byEventTime = (a: StoredDelivery, b: StoredDelivery): number =>
  a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq

function insertByEventTime(queue: EndpointQueue, delivery: StoredDelivery): void {
  const pending = queue.pending
  let index = pending.length
  while (index > 0 && byEventTime(pending[index - 1], delivery) > 0) index--
  // An attempt in flight is the head's: nothing is put before it.
  if (index === 0 && queue.busy) index = 1
  pending.splice(index, 0, delivery)
}
