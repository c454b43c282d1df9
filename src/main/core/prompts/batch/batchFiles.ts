/**
 * Files a batch reads. A browser has no paths: the web shell stages each dropped file under
 * <data>/staging/<slot>/, and the uploads workflow sweeps that folder at start. So a staged file the batch
 * will upload is moved (renamed) into <data>/prompts/files/<slot>/ at Start, and deleted there once no
 * job needs it (transcoded, skipped, or cleared). A file elsewhere (an Electron path) is read in place.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { ensurePrivateDir } from '../../files/privateFiles'

/** The web shell's staging folder (core/uploads/stagingArea.ts; workflow folders do not import each other). */
const STAGING_FOLDER = 'staging'
const SLOT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export class BatchFiles {
  private readonly stagingDir: string
  readonly dir: string

  constructor(dataDir: string) {
    this.stagingDir = join(dataDir, STAGING_FOLDER)
    this.dir = join(dataDir, 'prompts', 'files')
  }

  /** A staged copy (in a slot folder of the staging folder), not a file of the admin's own. */
  isStaged(path: string): boolean {
    return slotOf(this.stagingDir, path) !== undefined
  }

  /** The batch's own copy (under prompts/files). */
  owns(path: string): boolean {
    return slotOf(this.dir, path) !== undefined
  }

  /** Moves a staged file into the batch's folder; answers its new path. Its empty slot folder goes. */
  async adopt(path: string): Promise<string> {
    await ensurePrivateDir(this.dir)
    const slot = join(this.dir, randomUUID())
    await mkdir(slot, { mode: 0o700 })
    const target = join(slot, basename(path))
    try {
      await rename(path, target)
    } catch (error) {
      await rm(slot, { recursive: true, force: true })
      throw error
    }
    await rmdir(dirname(path)).catch(() => undefined)
    return target
  }

  /** Deletes the batch's own copies among `paths` (their slot folders); other paths are left alone. */
  async release(paths: Iterable<string>): Promise<void> {
    for (const path of paths) {
      const slot = slotOf(this.dir, path)
      if (slot) await rm(join(this.dir, slot), { recursive: true, force: true })
    }
  }

  /** At start: copies no job needs any more (a crash between a job's end and the delete) go. */
  async sweep(needed: Set<string>): Promise<void> {
    const keep = new Set([...needed].map((path) => slotOf(this.dir, path)).filter((slot): slot is string => slot !== undefined))
    for (const entry of await readdir(this.dir).catch(() => [] as string[])) {
      if (SLOT.test(entry) && !keep.has(entry)) await rm(join(this.dir, entry), { recursive: true, force: true })
    }
  }
}

function slotOf(root: string, path: string): string | undefined {
  const rel = relative(root, dirname(path))
  if (!rel || rel.includes(sep) || !SLOT.test(rel) || !basename(path)) return undefined
  return rel
}
