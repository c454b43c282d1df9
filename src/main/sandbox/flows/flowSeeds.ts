/**
 * The sandbox org's Architect flows: which flows are seeded, their types, divisions and how many versions
 * each has. Ids derive from the seed keys, so they are the same on every start; tests name them through
 * SANDBOX_FLOW_SEEDS.
 */
import { uuidFrom } from '../organization'
import { SEED_USERS } from '../users'

/** How the Flow model writes a flow's type (the list filter takes the same words in lower case). */
export type SandboxFlowType =
  | 'INBOUNDCALL'
  | 'INQUEUECALL'
  | 'OUTBOUNDCALL'
  | 'BOT'
  | 'DIGITALBOT'
  | 'WORKFLOW'
  | 'INBOUNDCHAT'
  | 'INBOUNDEMAIL'
  | 'INBOUNDSHORTMESSAGE'
  | 'COMMONMODULE'
  | 'VOICEMAIL'
  | (string & {})

/** The `type` filter values GET /api/v2/flows accepts (shared/genesys-api.md, Flows). */
export const SANDBOX_FLOW_TYPE_FILTERS = [
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

export interface SandboxDivision {
  id: string
  name: string
  /** False: the API client's role has no architect:flow:view in it (versions and configurations answer 403). */
  readable: boolean
}

export const FLOW_DIVISIONS = {
  home: { id: uuidFrom('division:home'), name: 'Home', readable: true },
  executive: { id: uuidFrom('division:executive-office'), name: 'Executive Office', readable: false },
} satisfies Record<string, SandboxDivision>

export interface FlowSeedSpec {
  key: string
  id: string
  name: string
  description: string
  type: SandboxFlowType
  versionCount: number
  /** How many menus and tasks its configuration has: its documents grow from a few KB to tens of KB. */
  size: number
  division: SandboxDivision
  /** Seeded locked by this user (another user than the API client). */
  lockedBy?: string
  /** Its export jobs end in Failure ("Archy exit code 107"). */
  exportFails?: boolean
  /** Never published: only CHECKIN and SAVE versions. */
  unpublished?: boolean
}

type SeedFields = Omit<FlowSeedSpec, 'key' | 'id' | 'division'> & { division?: SandboxDivision }

const SEEDS = {
  mainIvr: { name: 'Main IVR', description: 'Front door for the support line', type: 'INBOUNDCALL', versionCount: 48, size: 6 },
  big: {
    name: 'Customer Service IVR',
    description: 'The national customer service number; changed almost every week',
    type: 'INBOUNDCALL',
    versionCount: 250,
    size: 9,
  },
  inQueue: {
    name: 'Support In-Queue',
    description: 'Hold music and position announcements',
    type: 'INQUEUECALL',
    versionCount: 30,
    size: 3,
  },
  outbound: { name: 'Collections Outbound', description: 'Campaign call handling', type: 'OUTBOUNDCALL', versionCount: 16, size: 2 },
  bot: { name: 'Billing Bot', description: 'Balance and payment intents', type: 'BOT', versionCount: 22, size: 4 },
  digitalBot: {
    name: 'Web Digital Assistant',
    description: 'Website and app messaging bot',
    type: 'DIGITALBOT',
    versionCount: 18,
    size: 4,
  },
  workflow: {
    name: 'Refund Approval Workflow',
    description: 'Routes refund requests for approval',
    type: 'WORKFLOW',
    versionCount: 26,
    size: 3,
  },
  chat: { name: 'Website Chat', description: 'Inbound web chat routing', type: 'INBOUNDCHAT', versionCount: 20, size: 3 },
  commonModule: {
    name: 'Shared Authentication',
    description: 'Caller authentication used by every IVR',
    type: 'COMMONMODULE',
    versionCount: 34,
    size: 2,
  },
  voicemail: {
    name: 'After Hours Voicemail',
    description: 'Voicemail outside opening hours',
    type: 'VOICEMAIL',
    versionCount: 12,
    size: 1,
  },
  locked: {
    name: 'Holiday Routing',
    description: 'Public holiday closures; being edited in Architect',
    type: 'INBOUNDCALL',
    versionCount: 24,
    size: 4,
    lockedBy: SEED_USERS.marcusOkafor,
  },
  denied: {
    name: 'Executive Escalations',
    description: 'VIP line of the executive office',
    type: 'INBOUNDCALL',
    versionCount: 14,
    size: 3,
    division: FLOW_DIVISIONS.executive,
  },
  exportFails: {
    name: 'Legacy Claims IVR',
    description: 'Old claims line; its export fails in Archy',
    type: 'INBOUNDCALL',
    versionCount: 40,
    size: 5,
    exportFails: true,
  },
  unpublished: {
    name: 'Email Routing Draft',
    description: 'New email routing, not live yet',
    type: 'INBOUNDEMAIL',
    versionCount: 11,
    size: 2,
    unpublished: true,
  },
} satisfies Record<string, SeedFields>

export type SandboxFlowSeedKey = keyof typeof SEEDS

/** Every seeded flow, in no particular order (the list sorts by name). */
export const FLOW_SEED_SPECS: FlowSeedSpec[] = Object.entries(SEEDS).map(([key, fields]: [string, SeedFields]) => ({
  key,
  id: flowIdOf(key),
  division: FLOW_DIVISIONS.home,
  ...fields,
}))

function flowIdOf(key: string): string {
  return uuidFrom(`flow:${key}`)
}

/**
 * The seeded flows' ids by key, for tests: `big` has exactly 250 versions, `locked` is locked by another
 * user, `denied` is listed but its versions answer 403, `exportFails` fails to export, `unpublished` has
 * only CHECKIN and SAVE versions.
 */
export const SANDBOX_FLOW_SEEDS = Object.fromEntries(FLOW_SEED_SPECS.map((spec) => [spec.key, spec.id])) as Record<
  SandboxFlowSeedKey,
  string
>
