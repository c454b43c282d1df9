/** One configuration file the manifests name, with every version that names it. */
export interface ExpectedFile {
  /** configurations/<sha256>.json */
  file: string
  sha256: string
  sizeBytes: number
  /** The first manifest's flow that names it (a configuration can be shared only by identical content). */
  flowId: string
  flowName: string
  versionIds: string[]
  versionNames: string[]
}
