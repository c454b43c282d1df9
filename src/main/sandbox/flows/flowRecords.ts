/** What the sandbox keeps about a flow and its versions; flowView.ts turns them into the platform's models. */
import type { SandboxDivision, SandboxFlowType } from './flowSeeds'

export type SandboxFlowVersionType = 'PUBLISH' | 'CHECKIN' | 'SAVE' | (string & {})

export interface SandboxFlowUser {
  id: string
  name: string
}

export interface SandboxFlowVersionRecord {
  id: string
  flowId: string
  /** 1 for the first version; the version's name is "<number>.0". */
  number: number
  type: SandboxFlowVersionType
  createdBy: SandboxFlowUser
  /** The OAuth client that saved it (CX as Code, a script), when not the Architect UI. */
  createdByClient?: SandboxFlowUser
  /** Epoch ms. */
  createdAt: number
  savedAt: number
  /** CHECKIN and PUBLISH versions. */
  checkedInAt?: number
  /** PUBLISH versions. */
  publishedAt?: number
  secure: boolean
  debug: boolean
}

export interface SandboxFlowRecord {
  key: string
  id: string
  name: string
  description: string
  type: SandboxFlowType
  division: SandboxDivision
  /** Menus and tasks in its configuration. */
  size: number
  lockedBy?: SandboxFlowUser
  lockedClient?: SandboxFlowUser
  exportFails: boolean
  /** Oldest first. */
  versions: SandboxFlowVersionRecord[]
}
