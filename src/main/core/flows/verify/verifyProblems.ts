/** The plain words of each problem verify reports: what is wrong, then what to do. */
import type { VerifyProblem } from '../../../../shared/contract/flows/verify'
import { formatBytes } from '../../../../shared/format'
import type { ExpectedFile } from './expectedFile'

const short = (sha256: string) => `${sha256.slice(0, 12)}…`

function whoNamed(expected: ExpectedFile): string {
  const versions =
    expected.versionNames.length === 1 ? `version ${expected.versionNames[0]}` : `versions ${expected.versionNames.join(', ')}`
  return `${versions} of “${expected.flowName}”`
}

function about(expected: ExpectedFile): Pick<VerifyProblem, 'path' | 'flowId' | 'versionIds'> {
  return { path: expected.file, flowId: expected.flowId, versionIds: expected.versionIds }
}

export function missingProblem(expected: ExpectedFile): VerifyProblem {
  return {
    kind: 'missing',
    ...about(expected),
    expectedSha256: expected.sha256,
    expectedSizeBytes: expected.sizeBytes,
    detail: `${expected.file} is missing: it holds ${whoNamed(expected)}.`,
    hint: 'Restore the file from a backup copy (the remote archive, if one is set up), or archive those versions again.',
  }
}

export function changedProblem(expected: ExpectedFile, actual: { sha256?: string; sizeBytes: number }): VerifyProblem {
  const sizeDiffers = actual.sizeBytes !== expected.sizeBytes
  const what = [
    actual.sha256 === undefined
      ? `it is too large to hash (${formatBytes(actual.sizeBytes)})`
      : actual.sha256 !== expected.sha256
        ? `its content's SHA-256 is ${short(actual.sha256)} where its name says ${short(expected.sha256)}`
        : undefined,
    sizeDiffers
      ? `it is ${actual.sizeBytes.toLocaleString('en')} bytes where the manifest says ${expected.sizeBytes.toLocaleString('en')}`
      : undefined,
  ].filter(Boolean)
  return {
    kind: 'changed',
    ...about(expected),
    expectedSha256: expected.sha256,
    ...(actual.sha256 ? { actualSha256: actual.sha256 } : {}),
    expectedSizeBytes: expected.sizeBytes,
    actualSizeBytes: actual.sizeBytes,
    detail: `${expected.file} was changed after it was archived: ${what.join(', and ')}. It held ${whoNamed(expected)}.`,
    hint: 'Do not trust this copy. Restore the file from a backup copy (the remote archive, if one is set up); a file’s name is the hash its content must have.',
  }
}

export function linkedFileProblem(expected: ExpectedFile, target: string, outside: boolean): VerifyProblem {
  return {
    kind: 'changed',
    ...about(expected),
    expectedSha256: expected.sha256,
    detail: `${expected.file} is a link ${outside ? 'pointing outside the archive folder' : 'to another file'} (${target || 'unreadable'}), not the archived file. Verify does not follow links, so its content was not checked. It should hold ${whoNamed(expected)}.`,
    hint: 'Replace the link with the real file from a backup copy. An archive holds its files itself.',
  }
}

export function notAFileProblem(expected: ExpectedFile, what: string): VerifyProblem {
  return {
    kind: 'changed',
    ...about(expected),
    expectedSha256: expected.sha256,
    detail: `${expected.file} is a ${what}, not a file. It should hold ${whoNamed(expected)}.`,
    hint: 'Move it aside and restore the file from a backup copy.',
  }
}

/** Something in configurations/ or manifests/ that no manifest names (a stray file, a folder, a link). */
export function extraEntryProblem(path: string, what: 'file' | 'folder' | 'link', where: 'configurations' | 'manifests'): VerifyProblem {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const leftover = name.startsWith('.') && what === 'file'
  const detail =
    where === 'manifests'
      ? `${path} is not a manifest: the manifests folder holds only <flow id>.json files.`
      : what === 'file'
        ? `${path} is not named by any manifest.`
        : `${path} is a ${what}, which no manifest names: an archive holds only files here.`
  return {
    kind: 'extra',
    path,
    detail: leftover ? `${detail} It looks like a partly written file left by an interrupted run.` : detail,
    hint: leftover
      ? 'It is safe to delete once no archive run is writing to this folder.'
      : 'If you did not put it there, find out who did. Remove it, or keep it outside the archive folder.',
  }
}

/** manifests/ or configurations/ is itself a link: nothing under it is read. */
export function linkedFolderProblem(
  kind: VerifyProblem['kind'],
  path: string,
  link: { target: string; outside: boolean },
  what: 'manifests' | 'configurations',
): VerifyProblem {
  return {
    kind,
    path,
    detail: `The ${what} folder is a link ${link.outside ? 'pointing outside the archive folder' : 'to another folder'} (${link.target || 'unreadable'}). Verify does not follow links, so nothing in it was checked.`,
    hint: `Replace the link with the real ${what} folder, or verify the folder it points to instead.`,
  }
}

/** A version whose `file` is not where its hash says: it is not read, so a manifest cannot lead outside the folder. */
export function misplacedFileProblem(
  manifestPath: string,
  flowId: string,
  versionId: string,
  versionName: string,
  file: string,
): VerifyProblem {
  return {
    kind: 'manifest-invalid',
    path: manifestPath,
    flowId,
    versionIds: [versionId],
    detail: `${manifestPath} says version ${versionName} is in “${file.slice(0, 200)}”, but an archived version is always configurations/<its SHA-256>.json. That path was not read.`,
    hint: 'Restore the manifest from a backup copy; it was edited by hand or by another tool.',
  }
}
