import { createHash } from 'node:crypto'
import type { GdprSubject } from './gdprSubjects'
import { uuidFrom } from './organization'

/** One result file of a completed export, as the results URL serves it. */
export interface GdprResultFile {
  fileName: string
  body: string
}

const MEDIA = ['voice', 'chat', 'email', 'message', 'callback'] as const
const QUEUES = ['Billing', 'Renewals', 'Technical Support', 'Complaints']
const WRAP_UPS = ['Resolved', 'Follow-up needed', 'Transferred', 'No answer']

/**
 * The files of a completed GDPR export. The platform only promises JSON; these hold a tabular part
 * (interactions, notes: arrays of like objects, with a nested participant) beside a nested profile, so
 * a client can show both what a CSV copy can and cannot flatten. Deterministic per request id.
 */
export function exportResultFiles(requestId: string, subject: GdprSubject, completedDate: string): GdprResultFile[] {
  const roll = seeded(requestId)
  const interactions = Array.from({ length: 3 + (roll() % 4) }, (_, i) => {
    const media = MEDIA[roll() % MEDIA.length]
    const start = Date.parse(completedDate) - (i + 1) * 86_400_000 - (roll() % 36_000) * 1000
    return {
      conversationId: uuidFrom(`gdpr-conversation:${requestId}:${i}`),
      startTime: new Date(start).toISOString(),
      mediaType: media,
      direction: roll() % 2 === 0 ? 'inbound' : 'outbound',
      durationSeconds: 30 + (roll() % 1200),
      queue: QUEUES[roll() % QUEUES.length],
      wrapUpCode: WRAP_UPS[roll() % WRAP_UPS.length],
      participant: {
        name: subject.name ?? null,
        address: media === 'email' ? (subject.emailAddresses[0] ?? null) : (subject.phoneNumbers[0] ?? null),
      },
    }
  })
  const notes = Array.from({ length: 1 + (roll() % 3) }, (_, i) => ({
    noteId: uuidFrom(`gdpr-note:${requestId}:${i}`),
    createdDate: interactions[i % interactions.length].startTime,
    author: 'Sandbox agent',
    text: `Call summary ${i + 1}: customer asked about their account.`,
  }))
  const profile = {
    requestId,
    generatedDate: completedDate,
    subject,
    records: {
      user: subject.userId
        ? { id: subject.userId, name: subject.name ?? null, department: 'Customer Care', title: 'Agent', addresses: subject.addresses }
        : null,
      externalContact: subject.externalContactId
        ? {
            id: subject.externalContactId,
            firstName: subject.name?.split(' ')[0] ?? null,
            lastName: subject.name?.split(' ').slice(1).join(' ') ?? null,
            workEmail: subject.emailAddresses[0] ?? null,
            cellPhone: { e164: subject.phoneNumbers[0] ?? null },
          }
        : null,
    },
    notes,
  }
  return [
    { fileName: 'interactions.json', body: JSON.stringify({ requestId, generatedDate: completedDate, interactions }, null, 2) },
    { fileName: 'profile.json', body: JSON.stringify(profile, null, 2) },
  ]
}

/** A small deterministic number source from a text. */
function seeded(text: string): () => number {
  let counter = 0
  return () => createHash('sha256').update(`${text}:${counter++}`).digest().readUInt32BE(0)
}
