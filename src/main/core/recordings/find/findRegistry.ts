import type { FindRun } from './findRun'

/** The finds kept in memory: the last `keep`, oldest dropped first (a running one is cancelled then). */
export class FindRegistry {
  private readonly runs = new Map<string, FindRun>()
  /** Whose connection each find ran on: the newest is asked for per connection. */
  private readonly profiles = new Map<string, string>()

  constructor(private readonly keep: number) {}

  add(run: FindRun, profileId: string): void {
    this.runs.set(run.view.id, run)
    this.profiles.set(run.view.id, profileId)
    while (this.runs.size > this.keep) {
      const oldest = [...this.runs.values()].find((r) => r.finished) ?? this.runs.values().next().value
      if (!oldest) break
      oldest.cancel()
      this.runs.delete(oldest.view.id)
      this.profiles.delete(oldest.view.id)
    }
  }

  get(id: string): FindRun | undefined {
    return this.runs.get(id)
  }

  /** The last find started on this connection (insertion order is start order). */
  latest(profileId: string): FindRun | undefined {
    return [...this.runs.values()].reverse().find((run) => this.profiles.get(run.view.id) === profileId)
  }

  all(): FindRun[] {
    return [...this.runs.values()]
  }
}
