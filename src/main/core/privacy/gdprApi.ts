/** The GDPR API calls the privacy workflow makes, with zod schemas for every answer it relies on. */
import { z } from 'zod'
import {
  type KnownGdprRequestType,
  type GdprSearchType,
  type GdprSubjectData,
  type ReplacementTermInput,
} from '../../../shared/contract/privacy'
import type { GenesysClient } from '../genesys'

const REQUESTS_PATH = '/api/v2/gdpr/requests'

const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? [])

export const GdprSubjectSchema = z.looseObject({
  name: z.string().optional(),
  userId: z.string().optional(),
  externalContactId: z.string().optional(),
  dialerContactId: z.looseObject({ id: z.string(), contactListId: z.string().default('') }).optional(),
  journeyCustomer: z.looseObject({ type: z.string().default(''), id: z.string() }).optional(),
  socialHandle: z.looseObject({ type: z.string(), value: z.string() }).optional(),
  externalId: z.string().optional(),
  addresses: strings,
  phoneNumbers: strings,
  emailAddresses: strings,
})

export const GdprRequestSchema = z.looseObject({
  id: z.string().min(1),
  createdBy: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
  // Open enums: a value the platform adds later is kept as it is, not a reason to refuse the whole list.
  requestType: z.string().min(1),
  createdDate: z.string().min(1),
  status: z.string().min(1),
  subject: GdprSubjectSchema.optional(),
  resultsUrl: z.string().optional(),
  resultsUrls: z.array(z.string()).optional(),
})
export type GdprRequest = z.infer<typeof GdprRequestSchema>

const SubjectListing = z.looseObject({
  entities: z
    .array(GdprSubjectSchema)
    .nullish()
    .transform((v) => v ?? []),
})
const RequestListing = z.looseObject({
  entities: z
    .array(GdprRequestSchema)
    .nullish()
    .transform((v) => v ?? []),
  pageNumber: z.number().int().optional(),
  pageCount: z.number().int().optional(),
})

export interface GdprRequestBody {
  requestType: KnownGdprRequestType
  subject: GdprSubjectData
  replacementTerms?: ReplacementTermInput[]
}

/** The subject as the contract carries it: only the fields the platform documents, nothing extra. */
export function toSubjectData(subject: z.infer<typeof GdprSubjectSchema>): GdprSubjectData {
  const data: GdprSubjectData = { addresses: subject.addresses, phoneNumbers: subject.phoneNumbers, emailAddresses: subject.emailAddresses }
  if (subject.name !== undefined) data.name = subject.name
  if (subject.userId) data.userId = subject.userId
  if (subject.externalContactId) data.externalContactId = subject.externalContactId
  if (subject.dialerContactId)
    data.dialerContactId = { id: subject.dialerContactId.id, contactListId: subject.dialerContactId.contactListId }
  if (subject.journeyCustomer) data.journeyCustomer = { type: subject.journeyCustomer.type, id: subject.journeyCustomer.id }
  if (subject.socialHandle) data.socialHandle = { type: subject.socialHandle.type, value: subject.socialHandle.value }
  if (subject.externalId) data.externalId = subject.externalId
  return data
}

/** GET /api/v2/gdpr/subjects (permission gdpr:subject:view). The search value travels in the query, never in the audit log. */
export async function searchGdprSubjects(client: GenesysClient, searchType: GdprSearchType, searchValue: string, signal?: AbortSignal) {
  const response = await client.request({
    method: 'GET',
    path: '/api/v2/gdpr/subjects',
    params: { searchType, searchValue },
    schema: SubjectListing,
    signal,
  })
  return { ...response, data: response.data.entities.map(toSubjectData) }
}

/** POST /api/v2/gdpr/requests (gdpr:request:add). Not idempotent: a 5xx or a reset is never re-sent. */
export function postGdprRequest(client: GenesysClient, body: GdprRequestBody, deleteConfirmed: boolean, signal?: AbortSignal) {
  return client.request({
    method: 'POST',
    path: REQUESTS_PATH,
    params: { deleteConfirmed },
    data: body,
    schema: GdprRequestSchema,
    signal,
    retryServerFailures: false,
  })
}

/** GET /api/v2/gdpr/requests/{id} (gdpr:request:view). */
export function getGdprRequest(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: `${REQUESTS_PATH}/${encodeURIComponent(id)}`, schema: GdprRequestSchema, signal })
}

/** GET /api/v2/gdpr/requests, one page. */
export function listGdprRequests(client: GenesysClient, pageNumber: number, pageSize: number, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: REQUESTS_PATH, params: { pageNumber, pageSize }, schema: RequestListing, signal })
}

/** Every result URL of a request, once each (resultsUrl is usually also the first of resultsUrls). */
export function resultUrlsOf(request: GdprRequest): string[] {
  return [...new Set([request.resultsUrl, ...(request.resultsUrls ?? [])].filter((url): url is string => Boolean(url)))]
}
