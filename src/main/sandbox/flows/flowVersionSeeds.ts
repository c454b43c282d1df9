/**
 * The seeded version histories: spread over the two years before the sandbox started (newest a few days
 * before), by several authors, mostly published, some checked in or saved; deterministic per flow.
 */
import { uuidFrom } from '../organization'
import { seededRandom } from '../random'
import { SEED_USERS } from '../users'
import { hashOf } from './configurationVariation'
import type { FlowSeedSpec } from './flowSeeds'
import type { SandboxFlowUser, SandboxFlowVersionRecord, SandboxFlowVersionType } from './flowRecords'

const DAY_MS = 86_400_000
const HISTORY_MS = 720 * DAY_MS

/** The people the seeded versions name (the users route knows the first two; one left, one is hidden). */
export const FLOW_AUTHORS: SandboxFlowUser[] = [
  { id: SEED_USERS.danaWhitfield, name: 'Dana Whitfield' },
  { id: SEED_USERS.marcusOkafor, name: 'Marcus Okafor' },
  { id: SEED_USERS.formerAdmin, name: 'Jordan Ellis' },
  { id: SEED_USERS.restrictedAdmin, name: 'Alex Moreno' },
]

/** Saves made through the API rather than the Architect UI carry their client. */
export const CX_AS_CODE_CLIENT: SandboxFlowUser = { id: uuidFrom('oauth-client:cx-as-code'), name: 'CX as Code pipeline' }

export function seedVersions(spec: FlowSeedSpec, seedAt: number): SandboxFlowVersionRecord[] {
  const random = seededRandom(hashOf(`versions:${spec.key}`))
  const count = spec.versionCount
  const last = seedAt - (1 + Math.floor(random() * 5)) * DAY_MS
  const first = last - HISTORY_MS + Math.floor(random() * 30) * DAY_MS
  const gap = count > 1 ? (last - first) / (count - 1) : 0
  return Array.from({ length: count }, (_, index) => {
    // The jitter (under a third of the gap each way) keeps versions in order; the cap keeps the newest in the past.
    const at = roundToMinute(Math.min(last, first + index * gap + (random() - 0.5) * gap * 0.6))
    const type = versionType(spec, index, random())
    return versionRecord(spec.id, index + 1, type, at, authorFor(random()), random() < 0.1 ? CX_AS_CODE_CLIENT : undefined)
  })
}

/** One version finished at `at` (epoch ms): created and saved a few minutes before, checked in, then published at `at`. */
export function versionRecord(
  flowId: string,
  number: number,
  type: SandboxFlowVersionType,
  at: number,
  createdBy: SandboxFlowUser,
  createdByClient?: SandboxFlowUser,
): SandboxFlowVersionRecord {
  const checkedIn = type === 'PUBLISH' || type === 'CHECKIN'
  return {
    id: uuidFrom(`flow-version:${flowId}:${number}`),
    flowId,
    number,
    type,
    createdBy,
    ...(createdByClient ? { createdByClient } : {}),
    createdAt: at - 3 * 60_000,
    savedAt: at - 60_000,
    ...(checkedIn ? { checkedInAt: at - 30_000 } : {}),
    ...(type === 'PUBLISH' ? { publishedAt: at } : {}),
    secure: false,
    debug: false,
  }
}

function versionType(spec: FlowSeedSpec, index: number, draw: number): SandboxFlowVersionType {
  if (spec.unpublished) return draw < 0.6 ? 'CHECKIN' : 'SAVE'
  // The newest version of a locked flow is the draft being edited.
  if (spec.lockedBy && index === spec.versionCount - 1) return 'SAVE'
  if (index === 0) return 'PUBLISH'
  return draw < 0.6 ? 'PUBLISH' : draw < 0.85 ? 'CHECKIN' : 'SAVE'
}

function authorFor(draw: number): SandboxFlowUser {
  return draw < 0.45 ? FLOW_AUTHORS[0] : draw < 0.8 ? FLOW_AUTHORS[1] : draw < 0.92 ? FLOW_AUTHORS[2] : FLOW_AUTHORS[3]
}

function roundToMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000
}
