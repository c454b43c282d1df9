/** Verifying an archive folder against its manifests: every file changed, missing or extra is named. */
import { z } from 'zod'
import { method } from '../define'

export const VerifyInput = z.object({ folder: z.string().max(4096) }).strict()

export interface VerifyProblem {
  kind: 'changed' | 'missing' | 'extra' | 'manifest-invalid'
  /** Relative to the archive folder. */
  path: string
  flowId?: string
  versionIds?: string[]
  expectedSha256?: string
  actualSha256?: string
  /** Plain words: what is wrong and what to do. */
  detail: string
}

export interface VerifyReport {
  folder: string
  checkedAt: string
  manifests: number
  flows: number
  versions: number
  files: number
  ok: boolean
  problems: VerifyProblem[]
}

export const flowVerifyMethods = {
  'flows.archive.verify': method<typeof VerifyInput, VerifyReport>(VerifyInput),
}
