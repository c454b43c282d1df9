/**
 * Verifies an archive folder against its manifests: every manifest is read and checked, every file they
 * name is hashed, and everything in configurations/ that none names is listed. The report names each
 * problem in plain words; the folder is never changed.
 */
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows/archive'
import type { VerifyProblem, VerifyReport } from '../../../../shared/contract/flows/verify'
import { AppError } from '../../../../shared/errors'
import { ARCHIVE_LIMITS } from './archiveLimits'
import { checkExpectedFiles } from './checkFiles'
import { expectedFilesOf } from './expectedFiles'
import { findExtraFiles } from './extraFiles'
import { readManifests } from './manifestReading'

const KIND_ORDER: VerifyProblem['kind'][] = ['changed', 'missing', 'manifest-invalid', 'extra']

export async function verifyArchive(archive: string, checkedAt: Date, signal?: AbortSignal): Promise<VerifyReport> {
  const reading = await readManifests(archive, signal)
  const expected = expectedFilesOf(reading.valid)
  const configurations = await findExtraFiles(archive, (file) => expected.files.has(file) || reading.namedByInvalid.has(file), signal)
  if (!reading.folderPresent && reading.problems.length === 0 && configurations.entries === 0 && configurations.problems.length === 0) {
    throw new AppError({
      code: 'invalid_input',
      message: `${archive} is not a flow archive folder: it has no ${ARCHIVE_LAYOUT.manifests} folder.`,
      hint: `Choose the folder an archive run wrote to: it holds ${ARCHIVE_LAYOUT.manifests}/ and ${ARCHIVE_LAYOUT.configurations}/.`,
      details: [{ fieldName: 'folder', errorCode: 'invalid.value' }],
    })
  }
  const fileProblems = configurations.readable ? await checkExpectedFiles(archive, [...expected.files.values()], signal) : []
  const problems = [...reading.problems, ...expected.problems, ...fileProblems, ...configurations.problems]
  if (!reading.folderPresent && configurations.entries > 0) problems.push(noManifestsProblem())
  problems.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    folder: archive,
    checkedAt: checkedAt.toISOString(),
    manifests: reading.found,
    flows: expected.flows,
    versions: expected.versions,
    files: expected.files.size,
    ok: problems.length === 0,
    problems: problems.slice(0, ARCHIVE_LIMITS.maxListedProblems),
    problemCounts: countByKind(problems),
    truncated: problems.length > ARCHIVE_LIMITS.maxListedProblems,
  }
}

function noManifestsProblem(): VerifyProblem {
  return {
    kind: 'missing',
    path: ARCHIVE_LAYOUT.manifests,
    detail: `The ${ARCHIVE_LAYOUT.manifests} folder is missing, so no file in ${ARCHIVE_LAYOUT.configurations} can be checked.`,
    hint: 'Restore the manifests folder from a backup copy (the remote archive, if one is set up).',
  }
}

function countByKind(problems: VerifyProblem[]): Record<VerifyProblem['kind'], number> {
  const counts: Record<VerifyProblem['kind'], number> = { changed: 0, missing: 0, extra: 0, 'manifest-invalid': 0 }
  for (const problem of problems) counts[problem.kind] += 1
  return counts
}
