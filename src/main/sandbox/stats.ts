export interface SandboxStats {
  requests: number
  /** Keyed by "METHOD /route/pattern" ("METHOD (unmatched)" for unknown routes). */
  byRoute: Record<string, number>
  /** Keyed by HTTP status, plus "reset" and "hang" for answers that never completed. */
  status: Record<string, number>
  tokensIssued: number
  /** 429s from a token's real budget (injected 429s are counted in `faults.burst429`). */
  rateLimited: number
  /** Injected faults by kind. */
  faults: Record<string, number>
  /** Upload PUTs received and not yet stored, refused or dropped: 0 once the storage is done with all of them. */
  putsInProgress: number
}

/** Counters for what the sandbox served, so tests can check what a client really did. */
export class StatsRecorder {
  private requests = 0
  private byRoute: Record<string, number> = {}
  private status: Record<string, number> = {}
  private faults: Record<string, number> = {}
  private rateLimited = 0
  private tokensIssued = 0
  private putsInProgress = 0

  countRequest(method: string, route: string | undefined): void {
    this.requests += 1
    increment(this.byRoute, `${method} ${route ?? '(unmatched)'}`)
  }

  countStatus(status: number | 'reset' | 'hang'): void {
    increment(this.status, String(status))
  }

  countFault(kind: string): void {
    increment(this.faults, kind)
  }

  countTokenIssued(): void {
    this.tokensIssued += 1
  }

  countRateLimited(): void {
    this.rateLimited += 1
  }

  putStarted(): void {
    this.putsInProgress += 1
  }

  putSettled(): void {
    this.putsInProgress -= 1
  }

  snapshot(): SandboxStats {
    return {
      requests: this.requests,
      byRoute: { ...this.byRoute },
      status: { ...this.status },
      tokensIssued: this.tokensIssued,
      rateLimited: this.rateLimited,
      faults: { ...this.faults },
      putsInProgress: this.putsInProgress,
    }
  }

  /** Zero the counters; PUTs in progress are still in progress, so that gauge stays. */
  reset(): void {
    this.requests = 0
    this.byRoute = {}
    this.status = {}
    this.faults = {}
    this.rateLimited = 0
    this.tokensIssued = 0
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}
