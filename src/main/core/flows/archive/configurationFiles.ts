/**
 * Content-addressed configuration files: configurations/<sha256>.json holds exactly the bytes whose
 * SHA-256 names it. A file already there is left alone when its bytes hash to its name; anything else in
 * its place (damaged bytes, a link) is replaced by a temp file created new and renamed over it.
 */
import { createHash } from 'node:crypto'
import { lstat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows'
import { writeFileAtomic } from '../../files/writeFileAtomic'
import { canonicalJson } from './canonicalJson'

export interface CanonicalDocument {
  text: string
  sha256: string
  sizeBytes: number
}

export function canonicalDocument(value: unknown): CanonicalDocument {
  const text = canonicalJson(value)
  const bytes = Buffer.from(text, 'utf8')
  return { text, sha256: sha256Hex(bytes), sizeBytes: bytes.length }
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** True when the file at `relative` (inside the folder) is a regular file whose bytes hash to `sha256`. */
export async function fileHasHash(folder: string, relative: string, sha256: string): Promise<boolean> {
  const path = join(folder, relative)
  try {
    const info = await lstat(path)
    if (!info.isFile()) return false
    return sha256Hex(await readFile(path)) === sha256
  } catch {
    return false
  }
}

/** Writes the document under its hash unless an intact copy is there; says which. */
export async function storeConfiguration(folder: string, document: CanonicalDocument): Promise<{ written: boolean; file: string }> {
  const file = ARCHIVE_LAYOUT.configurationFile(document.sha256)
  if (await fileHasHash(folder, file, document.sha256)) return { written: false, file }
  await writeFileAtomic(join(folder, file), document.text)
  return { written: true, file }
}
