/**
 * Privacy requests (issue 4): find a data subject, submit GDPR export / update / delete requests, track
 * them for days, save the results. The rules a request must meet are in ../privacyRules.ts.
 */
import { z } from 'zod'
import type { AppErrorData } from '../errors'
import { appEvent, method, signal } from './define'
import { count, entityId, isoTime, oneOf } from './appEventFields'
import { Empty, Id } from './common'

export const GDPR_SEARCH_TYPES = [
  'NAME',
  'PHONE',
  'EMAIL',
  'ADDRESS',
  'TWITTER',
  'FACEBOOK',
  'INSTAGRAM',
  'APPLE_MESSAGES',
  'EXTERNAL_ID',
] as const
export type GdprSearchType = (typeof GDPR_SEARCH_TYPES)[number]

/** The request types this version submits. Read back, a request may carry another (see GdprRequestType). */
export const GDPR_REQUEST_TYPES = ['GDPR_EXPORT', 'GDPR_UPDATE', 'GDPR_DELETE'] as const
export type KnownGdprRequestType = (typeof GDPR_REQUEST_TYPES)[number]
/**
 * Open: the platform may add a type or status this version does not know. One new value must not break
 * the whole list, so it travels as the raw value and is shown as such.
 */
export type GdprRequestType = KnownGdprRequestType | (string & {})

export const GDPR_STATUSES = ['INITIATED', 'SEARCHING', 'UPDATING', 'DELETING', 'FINALIZING', 'COMPLETED', 'ERROR'] as const
export type KnownGdprStatus = (typeof GDPR_STATUSES)[number]
export type GdprStatus = KnownGdprStatus | (string & {})
export const FINAL_GDPR_STATUSES: readonly GdprStatus[] = ['COMPLETED', 'ERROR']

export function isKnownGdprStatus(status: string): status is KnownGdprStatus {
  return (GDPR_STATUSES as readonly string[]).includes(status)
}
export function isKnownGdprRequestType(type: string): type is KnownGdprRequestType {
  return (GDPR_REQUEST_TYPES as readonly string[]).includes(type)
}

export const REPLACEMENT_TERM_TYPES = ['NAME', 'ADDRESS', 'PHONE', 'EMAIL', 'TWITTER'] as const
export type ReplacementTermType = (typeof REPLACEMENT_TERM_TYPES)[number]

const text = (max: number) => z.string().max(max)

/** The platform's GDPRSubject, as the renderer sends it back (structure only; rules in privacyRules.ts). */
export const GdprSubjectInput = z
  .object({
    name: text(500).optional(),
    userId: text(200).optional(),
    externalContactId: text(200).optional(),
    dialerContactId: z.object({ id: text(200), contactListId: text(200) }).optional(),
    journeyCustomer: z.object({ type: text(100), id: text(500) }).optional(),
    // A string, not the enum: the platform may know handle types this version does not.
    socialHandle: z.object({ type: text(100), value: text(500) }).optional(),
    externalId: text(500).optional(),
    addresses: z.array(text(1000)).max(100).default([]),
    phoneNumbers: z.array(text(100)).max(100).default([]),
    emailAddresses: z.array(text(500)).max(100).default([]),
  })
  .strict()
export type GdprSubjectInput = z.input<typeof GdprSubjectInput>
export type GdprSubjectData = z.output<typeof GdprSubjectInput>

export const ReplacementTermInput = z
  .object({ type: z.enum(REPLACEMENT_TERM_TYPES), existingValue: text(1000), updatedValue: text(1000) })
  .strict()
export type ReplacementTermInput = z.infer<typeof ReplacementTermInput>

export const PrivacySubmitInput = z
  .object({
    requestType: z.enum(GDPR_REQUEST_TYPES),
    subject: GdprSubjectInput,
    replacementTerms: z.array(ReplacementTermInput).max(50).default([]),
    /** For GDPR_DELETE: what the admin typed in the confirmation dialog; the core checks it. */
    confirmation: text(500).optional(),
  })
  .strict()
export type PrivacySubmitInput = z.input<typeof PrivacySubmitInput>
export type PrivacySubmitData = z.output<typeof PrivacySubmitInput>

/** What a match is, in an admin's words. */
export type SubjectKind =
  'user' | 'external contact' | 'dialer contact' | 'journey customer' | 'social handle' | 'external id' | 'identifiers only'

export interface SubjectMatch {
  subject: GdprSubjectData
  kinds: SubjectKind[]
}

export interface SubjectSearchResult {
  searchType: GdprSearchType
  matches: SubjectMatch[]
}

export interface StatusStep {
  status: GdprStatus
  /** When Switchboard first saw it (polls may skip a phase: then it is absent here). */
  seenAt: string
}

export interface SavedResultFile {
  /** 1-based position among the request's result URLs. */
  index: number
  path: string
  bytes: number
  sha256: string
  /** CSV copies of the tabular parts, when asked for. */
  csvPaths: string[]
  /** The same bytes were already in the folder: nothing was rewritten. */
  alreadySaved: boolean
}

export interface SavedResults {
  savedAt: string
  folder: string
  files: SavedResultFile[]
  /** Files that could not be downloaded or verified. */
  problems: { index: number; message: string; hint: string }[]
}

export interface PrivacyGuidance {
  title: string
  message: string
  hint: string
}

export interface PrivacyRequestView {
  id: string
  profileId: string
  profileName: string
  orgName: string
  requestType: GdprRequestType
  status: GdprStatus
  subjectName: string
  /** The kinds of identifier the request carries (email, phone, ...), never their values. */
  identifierKinds: string[]
  /** Made in this app, or found in the org's list (made elsewhere). */
  source: 'switchboard' | 'elsewhere'
  createdBy?: string
  createdDate: string
  /** The statuses this kind of request passes through, for the timeline. */
  path: GdprStatus[]
  timeline: StatusStep[]
  tracking: boolean
  polls: number
  lastCheckedAt?: string
  nextCheckAt?: string
  lastError?: AppErrorData
  /** What to do: on ERROR, when the request or its profile is gone, or when checks keep failing. */
  guidance?: PrivacyGuidance
  resultsCount: number
  saved: SavedResults[]
}

export interface PrivacyImportState {
  at: string
  profileId: string
  profileName: string
  found: number
  error?: AppErrorData
}

export interface PrivacyListResult {
  requests: PrivacyRequestView[]
  defaultResultsFolder: string
  lastImport?: PrivacyImportState
  /** The saved list could not be read at start (kept aside as a backup): say so until the app restarts. */
  storeProblem?: PrivacyGuidance
}

/** details[].errorCode of a submit that failed ambiguously: the org's list was checked, nothing was created. */
export const SUBMIT_NOT_CREATED = 'switchboard.gdpr.request.not.created'
/** ... and the list could not be checked: do not submit again before looking. */
export const SUBMIT_CREATION_UNKNOWN = 'switchboard.gdpr.request.creation.unknown'

export interface PrivacySubmitResult {
  request: PrivacyRequestView
  /** The POST failed ambiguously, and the request was found in the org's list: it was not sent twice. */
  foundAfterFailure: boolean
}

/** The app event, once, when a tracked request reaches COMPLETED (for event delivery): ids, counts, a time. */
export const PrivacyCompletedPayload = z
  .object({
    requestId: entityId(),
    requestType: oneOf(GDPR_REQUEST_TYPES),
    profileId: entityId(),
    resultsCount: count(),
    completedAt: isoTime(),
  })
  .strict()
export type PrivacyCompletedPayload = z.infer<typeof PrivacyCompletedPayload>

/**
 * UI signal: a request changed (a check, an import, a save). Its id and state only, never the
 * subject's name: the Privacy screen refetches the list it shows.
 */
export interface PrivacyRequestChangedSignal {
  id: string
  status: GdprStatus
}

/** UI signal, once per completion: the desktop notification names the request and where, never the person. */
export interface PrivacyRequestCompletedSignal {
  requestId: string
  requestType: GdprRequestType
  /** The org's name, or the profile's when the org's is not known. */
  where: string
  resultsCount: number
}

const SearchInput = z
  .object({ searchType: z.enum(GDPR_SEARCH_TYPES), searchValue: z.string().trim().min(1, 'Enter what to search for').max(500) })
  .strict()
const FolderInput = z.object({ folder: z.string().max(4096) }).strict()
const SaveInput = z.object({ id: z.string().min(1).max(200), folder: z.string().max(4096), csv: z.boolean().default(false) }).strict()

export const privacyMethods = {
  'privacy.searchSubjects': method<typeof SearchInput, SubjectSearchResult>(SearchInput),
  'privacy.submit': method<typeof PrivacySubmitInput, PrivacySubmitResult>(PrivacySubmitInput),
  'privacy.list': method<typeof Empty, PrivacyListResult>(Empty),
  'privacy.checkNow': method<typeof Id, PrivacyRequestView>(Id),
  'privacy.refreshFromOrg': method<typeof Empty, PrivacyListResult>(Empty),
  /** The folder as the core will use it (absolute), or an AppError saying why it cannot. Empty: the default. */
  'privacy.checkFolder': method<typeof FolderInput, { folder: string }>(FolderInput),
  'privacy.saveResults': method<typeof SaveInput, SavedResults>(SaveInput),
  'privacy.forget': method<typeof Id, { removed: string }>(Id),
}

export const privacySignals = {
  'privacy.request.changed': signal<PrivacyRequestChangedSignal>(),
  'privacy.request.completed': signal<PrivacyRequestCompletedSignal>(),
}

export const privacyAppEvents = {
  'privacy.export.completed': appEvent(PrivacyCompletedPayload),
}
