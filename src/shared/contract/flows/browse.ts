/** Browsing flows and a flow's version history. */
import { z } from 'zod'
import { method } from '../define'
import { FlowId, FlowTypeFilterSchema, type FlowRow, type FlowVersionRow } from './common'

export const FlowListInput = z
  .object({
    types: z.array(FlowTypeFilterSchema).max(20).default([]),
    /** Part of the name (the platform's `name` filter). */
    name: z.string().trim().max(200).optional(),
    publishState: z.enum(['any', 'published', 'unpublished']).default('any'),
  })
  .strict()
export type FlowListInput = z.input<typeof FlowListInput>

export interface FlowList {
  flows: FlowRow[]
  /** Every matching page was read; false when the list stopped at its cap (then `total` says how many exist). */
  complete: boolean
  total: number
}

export const FlowVersionsInput = z.object({ flowId: FlowId }).strict()

export interface FlowVersions {
  flow: FlowRow
  /** Every version, every page read, newest first. */
  versions: FlowVersionRow[]
}

export const flowBrowseMethods = {
  'flows.list': method<typeof FlowListInput, FlowList>(FlowListInput),
  'flows.versions': method<typeof FlowVersionsInput, FlowVersions>(FlowVersionsInput),
}
