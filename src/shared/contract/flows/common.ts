/**
 * Flow archive (issue 13): what every part shares. Architect flows are Genesys Cloud's versioned routing
 * logic. The platform's enums are open: a flow type or version type this version does not know travels as
 * its raw value and is shown as such.
 */
import { z } from 'zod'

/** The `type` filter values of GET /api/v2/flows (the Flow model itself writes them upper case: INBOUNDCALL). */
export const FLOW_TYPES = [
  'bot',
  'commonmodule',
  'digitalbot',
  'emailsend',
  'inboundcall',
  'inboundchat',
  'inboundemail',
  'inboundshortmessage',
  'outboundcall',
  'inqueuecall',
  'inqueueemail',
  'inqueueshortmessage',
  'speech',
  'securecall',
  'surveyinvite',
  'voice',
  'voicemail',
  'voicesurvey',
  'workflow',
  'workitem',
] as const
export type FlowTypeFilter = (typeof FLOW_TYPES)[number]
export const FlowTypeFilterSchema = z.enum(FLOW_TYPES)

export const FLOW_VERSION_TYPES = ['PUBLISH', 'CHECKIN', 'SAVE'] as const
export type FlowVersionType = (typeof FLOW_VERSION_TYPES)[number] | (string & {})

export const FlowId = z.string().min(1).max(200)
export const FlowVersionId = z.string().min(1).max(200)

/** A user as the platform names one (createdBy, lockedBy); the name is absent when it could not be read. */
export interface FlowUser {
  id: string
  name?: string
}

/** Why a flow cannot be archived as it is; the flow is listed with it, never dropped. */
export interface FlowProblem {
  kind: 'locked' | 'denied' | (string & {})
  /** Plain words: "Locked by Ana Silva since 30 Nov 2026" / "This client may not read flows of division X". */
  reason: string
  hint?: string
  correlationId?: string
}

export interface FlowRow {
  id: string
  name: string
  /** As the platform writes it (INBOUNDCALL, ...), shown raw when unknown. */
  type: string
  description?: string
  division?: { id: string; name?: string }
  /** The published version's name ("12.0"), if any. */
  publishedVersion?: string
  publishedAt?: string
  checkedInVersion?: string
  savedVersion?: string
  lockedBy?: FlowUser
  /** Problems that stop or limit archiving (locked, not readable); empty when none. */
  problems: FlowProblem[]
}

/** One version of a flow, dates normalised to ISO 8601 (the platform sends epoch ms for three, a string for one). */
export interface FlowVersionRow {
  id: string
  /** The version's name as Architect shows it ("3.0"). */
  name: string
  commitVersion?: string
  configurationVersion?: string
  type: FlowVersionType
  secure?: boolean
  debug?: boolean
  createdBy?: FlowUser
  dateCreated?: string
  dateCheckedIn?: string
  dateSaved?: string
  datePublished?: string
  /** The date the timeline sorts by: published, else checked in, else saved, else created. */
  when?: string
}
