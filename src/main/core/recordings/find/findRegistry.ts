import type { FindRun } from './findRun'

/** The finds kept in memory: the last `keep`, oldest dropped first (a running one is cancelled then). */
export class FindRegistry {
  private readonly runs = new Map<string, FindRun>()

  constructor(private readonly keep: number) {}

  add(run: FindRun): void {
    this.runs.set(run.view.id, run)
    while (this.runs.size > this.keep) {
      const oldest = [...this.runs.values()].find((r) => r.finished) ?? this.runs.values().next().value
      if (!oldest) break
      oldest.cancel()
      this.runs.delete(oldest.view.id)
    }
  }

  get(id: string): FindRun | undefined {
    return this.runs.get(id)
  }

  all(): FindRun[] {
    return [...this.runs.values()]
  }
}
