import { readFile, rename } from 'node:fs/promises'

/** A file's text, or undefined when there is no file yet; any other failure is the caller's to report. */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** Moves a file this version cannot read aside, unchanged, so a save never overwrites it; returns where. */
export async function setAsideUnreadable(path: string, now: () => Date): Promise<string> {
  const backup = `${path}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`
  await rename(path, backup)
  return backup
}
