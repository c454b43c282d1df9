import type { CompareSideInfo } from '../../../../shared/contract/flows/compare'

/** One side of a comparison, read and checked: its label, what it is, its configuration. */
export interface LoadedSide {
  label: string
  info: CompareSideInfo
  configuration: unknown
}
