import { readdir } from 'node:fs/promises'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under the audit folder (segments, head, key, run records in audit.runs/, archives), full paths. */
export async function auditFileNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

export function auditFileNamesSync(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}
