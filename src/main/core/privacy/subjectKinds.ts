import type { GdprSubjectData, SubjectKind } from '../../../shared/contract/privacy'

/** What a search match is: a user, an external contact, ... (a subject may be more than one). */
export function matchKinds(subject: GdprSubjectData): SubjectKind[] {
  const kinds: SubjectKind[] = []
  if (subject.userId) kinds.push('user')
  if (subject.externalContactId) kinds.push('external contact')
  if (subject.dialerContactId?.id) kinds.push('dialer contact')
  if (subject.journeyCustomer?.id) kinds.push('journey customer')
  if (subject.socialHandle?.value) kinds.push('social handle')
  if (subject.externalId) kinds.push('external id')
  return kinds.length > 0 ? kinds : ['identifiers only']
}

/**
 * The kinds of identifier a subject carries, for the audit log and the request card: "email", "phone",
 * "social:TWITTER", ... Never the values: those are the personal data the request is about.
 */
export function identifierKinds(subject: GdprSubjectData): string[] {
  const kinds: string[] = []
  if (subject.name?.trim()) kinds.push('name')
  if (subject.userId) kinds.push('userId')
  if (subject.externalContactId) kinds.push('externalContactId')
  if (subject.dialerContactId?.id) kinds.push('dialerContactId')
  if (subject.journeyCustomer?.id) kinds.push('journeyCustomer')
  if (subject.socialHandle?.value) kinds.push(`social:${subject.socialHandle.type}`)
  if (subject.externalId) kinds.push('externalId')
  if (subject.addresses.length) kinds.push('address')
  if (subject.phoneNumbers.length) kinds.push('phone')
  if (subject.emailAddresses.length) kinds.push('email')
  return kinds
}
