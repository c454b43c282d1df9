/**
 * Checks each file the manifests name: there, a real file (never a link), its size and its SHA-256 as
 * the manifest says (the hash is also its name). Files are hashed as streams, a few at once.
 */
import { join } from 'node:path'
import type { VerifyProblem } from '../../../../shared/contract/flows/verify'
import { openArchiveEntry } from './archiveEntry'
import { ARCHIVE_LIMITS } from './archiveLimits'
import type { ExpectedFile } from './expectedFile'
import { sha256OfHandle } from './hashStream'
import { changedProblem, linkedFileProblem, missingProblem, notAFileProblem } from './verifyProblems'

export async function checkExpectedFiles(archive: string, files: ExpectedFile[], signal?: AbortSignal): Promise<VerifyProblem[]> {
  const problems: (VerifyProblem | undefined)[] = new Array<VerifyProblem | undefined>(files.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (next < files.length && !failed) {
      const index = next++
      signal?.throwIfAborted()
      try {
        problems[index] = await checkOne(archive, files[index], signal)
      } catch (error) {
        failed = true // the other workers stop after their current file
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(ARCHIVE_LIMITS.hashConcurrency, files.length) }, worker))
  return problems.filter((p): p is VerifyProblem => p !== undefined)
}

async function checkOne(archive: string, expected: ExpectedFile, signal?: AbortSignal): Promise<VerifyProblem | undefined> {
  const entry = await openArchiveEntry(archive, join(archive, expected.file))
  switch (entry.kind) {
    case 'missing':
      return missingProblem(expected)
    case 'link':
      return linkedFileProblem(expected, entry.target, entry.outside)
    case 'not-a-file':
      return notAFileProblem(expected, entry.what)
    case 'file': {
      if (entry.sizeBytes > ARCHIVE_LIMITS.maxHashedFileBytes) {
        await entry.handle.close()
        return changedProblem(expected, { sizeBytes: entry.sizeBytes })
      }
      const sha256 = await sha256OfHandle(entry.handle, signal)
      if (sha256 === expected.sha256 && entry.sizeBytes === expected.sizeBytes) return undefined
      return changedProblem(expected, { sha256, sizeBytes: entry.sizeBytes })
    }
  }
}
