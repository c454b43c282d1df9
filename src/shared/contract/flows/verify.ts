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
  /** What to do about it, in plain words. */
  hint?: string
  /** changed: the size the manifest names and the size found. */
  expectedSizeBytes?: number
  actualSizeBytes?: number
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
  /** Problems of each kind, all counted even when the list stops at its cap. */
  problemCounts?: Record<VerifyProblem['kind'], number>
  /** The problem list stopped at its cap (see problemCounts for the totals). */
  truncated?: boolean
}

export const flowVerifyMethods = {
  'flows.archive.verify': method<typeof VerifyInput, VerifyReport>(VerifyInput),
}
