import { randomUUID } from 'node:crypto'
import { appEvents, type AppEvent, type AppEventPayload, type AppEventType } from '../../../shared/api'
import type { AuditLog } from '../audit'
import { MAX_DETAIL_STRING } from '../audit/auditGuard'

/** Whose work an app event came from, for its audit entry (the profile's and the org's names). */
export interface AppEventScope {
  profile: string
  org: string
}

/**
 * What to do with a payload that fails its schema. It is always our bug (the payload is built by the
 * core), so tests throw at the emit; the app records the drop in the audit log and carries on, because
 * the work the event announces (an upload, a schema change) did happen and must not be failed by it.
 */
export type InvalidAppEventPolicy = 'throw' | 'drop'

export interface AppEventHubOptions {
  audit: Pick<AuditLog, 'append'>
  now: () => Date
  onInvalid: InvalidAppEventPolicy
  report?: (message: string) => void
}

/**
 * What an emitter may hand to listeners beside the event, never audited nor part of the payload: the
 * download link of media.url.generated, which event delivery sends only to endpoints that opted in.
 */
export interface AppEventExtra {
  downloadUrl?: string
}

type Listener = (event: AppEvent, extra?: AppEventExtra) => void

/**
 * The one way app events leave a workflow: checked against the contract's schema, given an id and a
 * time, recorded in the audit log, then handed to subscribers (event delivery).
 */
export class AppEventHub {
  private readonly listeners = new Set<Listener>()

  constructor(private readonly options: AppEventHubOptions) {}

  emit<T extends AppEventType>(type: T, payload: AppEventPayload<T>, scope: AppEventScope, extra?: AppEventExtra): AppEvent | undefined {
    const parsed = appEvents[type].schema.safeParse(payload)
    if (!parsed.success) {
      // Paths and messages only: the rejected values may be exactly what must not be written anywhere.
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ')
      if (this.options.onInvalid === 'throw') throw new Error(`App event ${type} has an invalid payload: ${problems}`)
      this.options.audit.append({
        ...scope,
        action: 'app.event.dropped',
        target: type,
        outcome: 'error',
        detail: { problems: problems.slice(0, 1000) },
      })
      this.options.report?.(`Switchboard dropped the app event ${type}: ${problems}`)
      return undefined
    }
    const event = { id: randomUUID(), type, occurredAt: this.options.now().toISOString(), payload: parsed.data } as AppEvent
    this.options.audit.append({
      ...scope,
      action: 'app.event',
      target: type,
      outcome: 'ok',
      detail: { eventId: event.id, occurredAt: event.occurredAt, ...auditFacts(event.payload) },
    })
    for (const listener of this.listeners) {
      try {
        listener(event, extra)
      } catch (error) {
        this.options.report?.(`A listener for the app event ${type} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    return event
  }

  onAppEvent(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}

/**
 * The audit entry's detail holds short scalars only: a list (of field names) is written comma-separated,
 * or as its length when that would be longer than the log takes.
 */
function auditFacts(payload: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const facts: Record<string, string | number | boolean | null> = {}
  for (const [key, value] of Object.entries(payload)) {
    if (!Array.isArray(value)) facts[key] = value as string | number | boolean | null
    else {
      const joined = value.join(',')
      facts[key] = joined.length <= MAX_DETAIL_STRING ? joined : `${value.length} items`
    }
  }
  return facts
}
