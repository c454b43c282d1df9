/**
 * Comparing two configurations of a flow (two versions, or a version and an archived file): a structural
 * diff with paths (added, removed, changed, moved), not a text diff of minified JSON.
 */
import { z } from 'zod'
import { method } from '../define'
import { FlowId, FlowVersionId } from './common'

export const CompareSide = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), flowId: FlowId, versionId: FlowVersionId }).strict(),
  /** An archived configuration file, by its hash, in an archive folder. */
  z
    .object({
      kind: z.literal('archived'),
      folder: z.string().max(4096),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
])
export type CompareSide = z.infer<typeof CompareSide>

export const CompareInput = z.object({ left: CompareSide, right: CompareSide }).strict()
export type CompareInput = z.input<typeof CompareInput>

export interface DiffChange {
  kind: 'added' | 'removed' | 'changed' | 'moved'
  /** Where, as a readable path into the configuration: flow.menus[2].name (the path on the right side for added and moved). */
  path: string
  /** Short JSON text of the value before / after (cut to a few hundred characters, `truncated` then). */
  before?: string
  after?: string
  truncated?: boolean
  /** moved: the array index on each side. */
  fromIndex?: number
  toIndex?: number
}

/** What one side of a comparison is, with its date as data (the screen formats it). */
export type CompareSideInfo =
  | {
      kind: 'version'
      flowId: string
      versionId: string
      versionName?: string
      versionType?: string
      /** Published, else checked in, else saved, else created (ISO 8601). */
      when?: string
    }
  | {
      kind: 'archived'
      /** The file's name: the SHA-256 of its bytes, checked. */
      fileSha256: string
      /** From the folder's manifests, when one names the file. */
      flowId?: string
      flowName?: string
      versionId?: string
      versionName?: string
    }

export interface CompareResult {
  /** "Version 3.0 (published 2 Nov 2026)" / "Archived file 1a2b…" */
  leftLabel: string
  rightLabel: string
  /** SHA-256 of each configuration's canonical JSON (keys sorted, no spaces): equal exactly when identical. */
  leftSha256: string
  rightSha256: string
  left?: CompareSideInfo
  right?: CompareSideInfo
  identical: boolean
  counts: { added: number; removed: number; changed: number; moved: number }
  changes: DiffChange[]
  /** The list stopped at its cap; counts still count everything. */
  truncated: boolean
}

export const flowCompareMethods = {
  'flows.compare': method<typeof CompareInput, CompareResult>(CompareInput),
}
