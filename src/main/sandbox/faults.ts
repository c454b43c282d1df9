import { z } from 'zod'
import { pick, seededRandom } from './random'

export interface SandboxFaults {
  /** Added before each response. */
  latencyMs?: number | [min: number, max: number]
  /** 0..1: share of requests answered 503 (or 502/504) with the real error body. */
  errorRate5xx?: number
  /** 0..1: share of responses whose socket is destroyed in the middle of the body. */
  resetRate?: number
  /** 0..1: share of requests answered 429 regardless of the token's budget. */
  rateLimitBurstRate?: number
  /**
   * 0..1: share of API requests answered 401 as if the access token had been revoked (the client signs in
   * again once, then gives up): how a deleted or disabled OAuth client looks from the app.
   */
  signInRefusalRate?: number
  /** Retry-After for injected 429s (default 1). */
  retryAfterSeconds?: number | [min: number, max: number]
  /** The status of injected 5xx answers; default mostly 503, sometimes 502 or 504. */
  serverErrorStatus?: 502 | 503 | 504
  /** Retry-After on injected 5xx answers (default none, as most carry none). */
  serverErrorRetryAfterSeconds?: number
  /** Regex on the URL path: faults apply only to matching requests. Default: /api/v2 routes and upload PUTs. */
  routes?: string
  /** HTTP methods faults apply to (e.g. ["POST"] to fail a submit but not the lookup after it). Default: all. */
  methods?: string[]
  /** 0..1: share of requests that never answer. */
  hangRate?: number
  /**
   * Upload PUTs only: added after the object is stored and before its 200 goes out, the window in
   * which a client that dies has uploaded without knowing it.
   */
  storedAnswerDelayMs?: number | [min: number, max: number]
}

const rate = z.number().min(0).max(1)
const range = z.union([
  z.number().min(0),
  z.tuple([z.number().min(0), z.number().min(0)]).refine(([min, max]) => min <= max, 'min must not exceed max'),
])

export const sandboxFaultsSchema = z.strictObject({
  latencyMs: range.optional(),
  errorRate5xx: rate.optional(),
  resetRate: rate.optional(),
  rateLimitBurstRate: rate.optional(),
  signInRefusalRate: rate.optional(),
  retryAfterSeconds: range.optional(),
  serverErrorStatus: z.union([z.literal(502), z.literal(503), z.literal(504)]).optional(),
  serverErrorRetryAfterSeconds: z.number().int().min(0).optional(),
  routes: z.string().refine(isValidRegex, 'routes must be a valid regular expression').optional(),
  methods: z.array(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])).optional(),
  hangRate: rate.optional(),
  storedAnswerDelayMs: range.optional(),
})

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'burst429'; retryAfterSeconds: number }
  | { kind: 'signInRefused' }
  | { kind: 'error5xx'; status: 502 | 503 | 504; retryAfterSeconds?: number }
  | { kind: 'reset' }

export type FaultKind = Exclude<FaultDecision['kind'], 'none'>

/** Paths faults reach when no `routes` regex is set: the API and the presigned upload PUTs. */
const DEFAULT_SCOPE = /^\/(api\/v2(\/|$)|__uploads\/)/

/** Decides, per request and from a seeded PRNG, which fault (if any) a request suffers. */
export class FaultInjector {
  private faults: SandboxFaults = {}
  private scope: RegExp = DEFAULT_SCOPE
  private readonly random: () => number

  constructor(seed: number) {
    this.random = seededRandom(seed)
  }

  /** Replace the whole fault set; throws on an invalid one. */
  set(faults: SandboxFaults): void {
    const parsed = sandboxFaultsSchema.parse(faults) as SandboxFaults
    this.faults = parsed
    this.scope = parsed.routes ? new RegExp(parsed.routes) : DEFAULT_SCOPE
  }

  get(): SandboxFaults {
    return structuredClone(this.faults)
  }

  appliesTo(path: string, method?: string): boolean {
    if (method !== undefined && this.faults.methods && !this.faults.methods.includes(method.toUpperCase())) return false
    return this.scope.test(path)
  }

  latencyMs(): number {
    const latency = this.faults.latencyMs
    return latency === undefined ? 0 : Math.max(0, pick(latency, this.random))
  }

  storedAnswerDelayMs(): number {
    const delay = this.faults.storedAnswerDelayMs
    return delay === undefined ? 0 : Math.max(0, pick(delay, this.random))
  }

  /**
   * One decision per request. `allowBurst` is false where a 429 would not be real (the S3 upload host);
   * `allowSignInRefusal` is true for the API only (the one surface that takes a bearer token).
   */
  decide(allowBurst: boolean, allowSignInRefusal = false): FaultDecision {
    const f = this.faults
    if (this.happens(f.hangRate)) return { kind: 'hang' }
    if (allowSignInRefusal && this.happens(f.signInRefusalRate)) return { kind: 'signInRefused' }
    if (allowBurst && this.happens(f.rateLimitBurstRate)) {
      return { kind: 'burst429', retryAfterSeconds: Math.max(0, Math.round(pick(f.retryAfterSeconds ?? 1, this.random))) }
    }
    if (this.happens(f.errorRate5xx)) {
      const status = f.serverErrorStatus ?? this.pickGatewayStatus()
      return f.serverErrorRetryAfterSeconds === undefined
        ? { kind: 'error5xx', status }
        : { kind: 'error5xx', status, retryAfterSeconds: f.serverErrorRetryAfterSeconds }
    }
    if (this.happens(f.resetRate)) return { kind: 'reset' }
    return { kind: 'none' }
  }

  private happens(share: number | undefined): boolean {
    return share !== undefined && share > 0 && this.random() < share
  }

  /** Mostly 503, sometimes 502 or 504, as a load balancer in trouble answers. */
  private pickGatewayStatus(): 502 | 503 | 504 {
    const roll = this.random()
    return roll < 0.7 ? 503 : roll < 0.85 ? 502 : 504
  }
}
