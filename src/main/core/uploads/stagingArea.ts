/**
 * The web shell's staging folder (<data>/staging): a browser has no paths, so each dropped recording is
 * copied there, one folder per file. Copies are call recordings (personal data): each lives only as long
 * as something needs it (the review list before Start, or an upload job that may still read it).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import type { Refusal } from './validate'

export { STAGING_FOLDER, stagingDirOf } from '../files/stagingFolder'

const SLOT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export class StagingArea {
  /** Slots handed out for uploads since start (other staged files, e.g. a schema import, are not ours to list). */
  private readonly slots = new Set<string>()
  /** Files refused before their bytes were copied: their path names a slot that never got a file. */
  private readonly refusals = new Map<string, Refusal>()
  /**
   * Each staged path's place in the review list. Slots are handed out in the order the browser's
   * parallel checks happen to arrive, so a reloaded page would otherwise get its rows back reshuffled.
   */
  private readonly listPlaces = new Map<string, number>()
  private nextPlace = 0

  constructor(readonly dir: string) {}

  /** A path inside the staging folder, in a slot folder (never the folder itself nor a user's own file). */
  owns(path: string): boolean {
    return this.slotOf(path) !== undefined
  }

  /** A new, empty slot for one file about to be copied. */
  async reserve(): Promise<string> {
    const slot = randomUUID()
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    await mkdir(join(this.dir, slot), { mode: 0o700 })
    this.slots.add(slot)
    return slot
  }

  /** Remembers why a file was refused before any byte was copied; answers the path the review list shows (no file is there). */
  rememberRefusal(refusal: Omit<Refusal, 'path'>): string {
    // Only a name, never a path: the browser's name must not lead out of the slot.
    const name = basename(refusal.name.replace(/\\/g, '/')) || 'file'
    const path = join(this.dir, randomUUID(), name)
    this.refusals.set(path, { ...refusal, path })
    return path
  }

  /** A copy that failed the full check: its bytes go now, its refusal stays for the review list and Start. */
  async refuseCopy(refusal: Refusal): Promise<void> {
    const slot = this.slotOf(refusal.path)
    if (!slot) return
    await rm(join(this.dir, slot), { recursive: true, force: true })
    this.refusals.set(refusal.path, refusal)
  }

  refusalFor(path: string): Refusal | undefined {
    return this.refusals.get(path)
  }

  /** The review list took these paths, in this order (ones it already has keep their place). */
  listed(paths: Iterable<string>): void {
    for (const path of paths) if (this.owns(path) && !this.listPlaces.has(path)) this.listPlaces.set(path, this.nextPlace++)
  }

  /** Sorted as the review list showed them; paths it never took come last, in the order given. */
  inListOrder<T>(items: T[], pathOf: (item: T) => string): T[] {
    const place = (item: T) => this.listPlaces.get(pathOf(item)) ?? Number.MAX_SAFE_INTEGER
    return items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => place(a.item) - place(b.item) || a.index - b.index)
      .map((e) => e.item)
  }

  /** Deletes the copies (their slot folders) of the staged paths among `paths`; others are left alone. */
  async release(paths: Iterable<string>): Promise<number> {
    let removed = 0
    for (const path of paths) {
      const slot = this.slotOf(path)
      if (!slot) continue
      this.refusals.delete(path)
      this.listPlaces.delete(path)
      this.slots.delete(slot)
      await rm(join(this.dir, slot), { recursive: true, force: true })
      removed += 1
    }
    return removed
  }

  /** Staged for upload since start and not handed to a job: the review list a reloaded page gets back. */
  async pending(usedByJobs: Set<string>): Promise<{ copies: string[]; refusals: Refusal[] }> {
    const copies: string[] = []
    for (const slot of this.slots) {
      const names = await readdir(join(this.dir, slot)).catch(() => [] as string[])
      for (const name of names) {
        const path = join(this.dir, slot, name)
        if (!usedByJobs.has(path) && !this.refusals.has(path)) copies.push(path)
      }
    }
    return { copies, refusals: [...this.refusals.values()] }
  }

  /** At start: leftovers of a crash go, except copies a job can still read (interrupted, failed, ...). */
  async sweep(neededByJobs: Set<string>): Promise<string[]> {
    const keep = new Set([...neededByJobs].map((p) => this.slotOf(p)).filter((s): s is string => s !== undefined))
    const entries = await readdir(this.dir).catch(() => [] as string[])
    const removed: string[] = []
    for (const entry of entries) {
      if (keep.has(entry)) continue
      const path = join(this.dir, entry)
      if (!(await stat(path).catch(() => undefined))) continue
      await rm(path, { recursive: true, force: true })
      removed.push(entry)
    }
    return removed
  }

  private slotOf(path: string): string | undefined {
    const rel = relative(this.dir, dirname(path))
    if (!rel || rel.includes(sep) || !SLOT.test(rel) || !basename(path)) return undefined
    return rel
  }
}
