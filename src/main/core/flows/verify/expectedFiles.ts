/** What the valid manifests say the configurations folder holds: each file once, with every version that names it. */
import { ARCHIVE_LAYOUT } from '../../../../shared/contract/flows/archive'
import type { VerifyProblem } from '../../../../shared/contract/flows/verify'
import type { ExpectedFile } from './expectedFile'
import type { ReadManifest } from './manifestReading'
import { misplacedFileProblem } from './verifyProblems'

export interface ExpectedFiles {
  files: Map<string, ExpectedFile>
  flows: number
  versions: number
  problems: VerifyProblem[]
}

export function expectedFilesOf(manifests: ReadManifest[]): ExpectedFiles {
  const files = new Map<string, ExpectedFile>()
  const flowIds = new Set<string>()
  const problems: VerifyProblem[] = []
  let versions = 0
  for (const { path, manifest } of manifests) {
    flowIds.add(manifest.flow.id)
    versions += manifest.versions.length
    for (const version of manifest.versions) {
      const file = ARCHIVE_LAYOUT.configurationFile(version.sha256)
      if (version.file !== file) {
        problems.push(misplacedFileProblem(path, manifest.flow.id, version.id, version.name, version.file))
        continue
      }
      const known = files.get(file)
      if (known) {
        known.versionIds.push(version.id)
        known.versionNames.push(version.name)
        continue
      }
      files.set(file, {
        file,
        sha256: version.sha256,
        sizeBytes: version.sizeBytes,
        flowId: manifest.flow.id,
        flowName: manifest.flow.name,
        versionIds: [version.id],
        versionNames: [version.name],
      })
    }
  }
  return { files, flows: flowIds.size, versions, problems }
}
