/**
 * What a privacy request must meet before it is sent: one set of rules for the renderer (inline
 * messages while typing) and the core (which refuses to send a request that breaks them).
 */
import { z } from 'zod'
import type { GdprSubjectData, PrivacySubmitData, ReplacementTermInput } from './contract/privacy'
import { typedConfirmationMatches } from './typedConfirmation'

export interface FieldProblem {
  /** A path into the request: "subject", "subject.phoneNumbers.1", "replacementTerms.0.updatedValue", ... */
  field: string
  message: string
}

/** E.164: "+", a country code that does not start with 0, at most 15 digits in all (here at least 6). */
const E164 = /^\+[1-9]\d{5,14}$/
const emailSchema = z.email()

export function isE164(value: string): boolean {
  return E164.test(value)
}

export function isEmailAddress(value: string): boolean {
  return emailSchema.safeParse(value).success
}

/** The E.164 form of a number written with spaces, dashes, dots or brackets, when that is all that is wrong. */
export function suggestE164(value: string): string | undefined {
  const compact = value
    .trim()
    .replace(/[\s\-().]/g, '')
    .replace(/^00/, '+')
  return compact !== value && isE164(compact) ? compact : undefined
}

export function phoneProblem(value: string): string | undefined {
  if (isE164(value)) return undefined
  const suggestion = suggestE164(value)
  if (suggestion) return `“${value}” is not in E.164 form: write it as ${suggestion}`
  return `“${value}” is not an E.164 phone number: “+”, the country code, then the number, digits only (e.g. +442079460123)`
}

export function emailProblem(value: string): string | undefined {
  return isEmailAddress(value) ? undefined : `“${value}” is not a valid email address`
}

/** A Twitter / X handle: up to 15 letters, digits or underscores, with or without the leading @. */
export function twitterHandleProblem(value: string): string | undefined {
  return /^@?[A-Za-z0-9_]{1,15}$/.test(value)
    ? undefined
    : `“${value}” is not a Twitter / X handle: up to 15 letters, digits or underscores (e.g. @janedoe)`
}

/** True when the subject carries something that identifies a person; a name alone does not. */
export function hasIdentifier(subject: GdprSubjectData): boolean {
  return Boolean(
    subject.userId?.trim() ||
    subject.externalContactId?.trim() ||
    subject.dialerContactId?.id.trim() ||
    subject.journeyCustomer?.id.trim() ||
    subject.socialHandle?.value.trim() ||
    subject.externalId?.trim() ||
    subject.addresses.some((a) => a.trim()) ||
    subject.phoneNumbers.some((p) => p.trim()) ||
    subject.emailAddresses.some((e) => e.trim()),
  )
}

export function checkSubject(subject: GdprSubjectData): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!hasIdentifier(subject)) {
    problems.push({
      field: 'subject',
      message:
        'Add at least one identifier: a phone number, an email address, an address, or pick a match from the search (a name alone does not identify a person).',
    })
  }
  listProblems('subject.phoneNumbers', subject.phoneNumbers, phoneProblem, problems)
  listProblems('subject.emailAddresses', subject.emailAddresses, emailProblem, problems)
  listProblems('subject.addresses', subject.addresses, () => undefined, problems)
  return problems
}

function listProblems(field: string, values: string[], problemOf: (value: string) => string | undefined, problems: FieldProblem[]): void {
  const seen = new Set<string>()
  values.forEach((value, i) => {
    const trimmed = value.trim()
    const problem =
      trimmed === '' ? 'Empty entry: remove it' : seen.has(trimmed.toLowerCase()) ? `“${trimmed}” is listed twice` : problemOf(trimmed)
    if (problem) problems.push({ field: `${field}.${i}`, message: problem })
    seen.add(trimmed.toLowerCase())
  })
}

function termProblems(term: ReplacementTermInput, i: number): FieldProblem[] {
  const problems: FieldProblem[] = []
  const at = `replacementTerms.${i}`
  const existing = term.existingValue.trim()
  const updated = term.updatedValue.trim()
  if (!existing) problems.push({ field: `${at}.existingValue`, message: 'Enter the value to replace' })
  if (!updated) problems.push({ field: `${at}.updatedValue`, message: 'Enter the new value' })
  if (existing && updated && existing === updated)
    problems.push({ field: `${at}.updatedValue`, message: 'The new value is the same as the old one' })
  const check = TERM_CHECKS[term.type]
  if (check && existing) pushIf(problems, `${at}.existingValue`, check(existing))
  if (check && updated) pushIf(problems, `${at}.updatedValue`, check(updated))
  return problems
}

const TERM_CHECKS: Partial<Record<ReplacementTermInput['type'], (value: string) => string | undefined>> = {
  PHONE: phoneProblem,
  EMAIL: emailProblem,
  TWITTER: twitterHandleProblem,
}

function pushIf(problems: FieldProblem[], field: string, message: string | undefined): void {
  if (message) problems.push({ field, message })
}

/** Every problem of a request, in form order; empty when it may be sent (delete confirmation aside). */
export function checkPrivacyRequest(request: Pick<PrivacySubmitData, 'requestType' | 'subject' | 'replacementTerms'>): FieldProblem[] {
  const problems = checkSubject(request.subject)
  if (request.requestType !== 'GDPR_UPDATE' && request.replacementTerms.length > 0) {
    problems.push({
      field: 'replacementTerms',
      message: 'Replacement terms belong to update requests only: remove them or choose “Update”.',
    })
  }
  if (request.requestType === 'GDPR_UPDATE') {
    if (request.replacementTerms.length === 0)
      problems.push({
        field: 'replacementTerms',
        message: 'An update needs at least one replacement term: what to replace, and with what.',
      })
    request.replacementTerms.forEach((term, i) => problems.push(...termProblems(term, i)))
  }
  return problems
}

/** What the admin must type to confirm a delete: the subject's name, or DELETE when it has none. */
export function expectedDeleteConfirmation(subject: GdprSubjectData): string {
  return subject.name?.trim().replace(/\s+/g, ' ') || 'DELETE'
}

/** Exactly the expected text, case included, as the dialog says; only spaces around it are forgiven. */
export function deleteConfirmationMatches(subject: GdprSubjectData, typed: string | undefined): boolean {
  return typedConfirmationMatches(typed, expectedDeleteConfirmation(subject))
}
