/** The changes of a diff as the screen gets them: every change counted, the first few hundred listed, long values cut. */
import type { CompareResult, DiffChange } from '../../../../shared/contract/flows/compare'

export interface ChangeLimits {
  maxListedChanges: number
  maxValueChars: number
}

export const CHANGE_LIMITS: Readonly<ChangeLimits> = { maxListedChanges: 500, maxValueChars: 300 }

export class ChangeList {
  readonly counts: CompareResult['counts'] = { added: 0, removed: 0, changed: 0, moved: 0 }
  readonly changes: DiffChange[] = []
  truncated = false

  constructor(private readonly limits: ChangeLimits = CHANGE_LIMITS) {}

  added(path: string, value: unknown): void {
    this.push('added', () => this.withValues(path, { after: value }))
  }

  removed(path: string, value: unknown): void {
    this.push('removed', () => this.withValues(path, { before: value }))
  }

  changed(path: string, before: unknown, after: unknown): void {
    this.push('changed', () => this.withValues(path, { before, after }))
  }

  moved(path: string, fromIndex: number, toIndex: number): void {
    this.push('moved', () => ({ path, fromIndex, toIndex }))
  }

  private push(kind: DiffChange['kind'], build: () => Omit<DiffChange, 'kind'>): void {
    this.counts[kind] += 1
    if (this.changes.length >= this.limits.maxListedChanges) {
      this.truncated = true
      return
    }
    this.changes.push({ kind, ...build() })
  }

  private withValues(path: string, values: { before?: unknown; after?: unknown }): Omit<DiffChange, 'kind'> {
    const change: Omit<DiffChange, 'kind'> = { path }
    for (const side of ['before', 'after'] as const) {
      if (!(side in values)) continue
      const text = JSON.stringify(values[side]) ?? 'undefined'
      if (text.length > this.limits.maxValueChars) {
        change[side] = `${text.slice(0, this.limits.maxValueChars)}…`
        change.truncated = true
      } else {
        change[side] = text
      }
    }
    return change
  }
}
