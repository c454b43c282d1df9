import type { GdprSubjectData, KnownGdprRequestType, PrivacySubmitInput, ReplacementTermInput } from '../../../../shared/contract/privacy'
import type { FieldProblem } from '../../../../shared/privacyRules'

/** The request form's values: identifier lists are edited as text, one entry per line. */
export interface RequestDraft {
  requestType: KnownGdprRequestType
  /** The subject as picked (ids that cannot be edited stay as they came). */
  base: GdprSubjectData
  name: string
  phones: string
  emails: string
  addresses: string
  terms: ReplacementTermInput[]
}

export type DraftField = 'subject' | 'name' | 'phones' | 'emails' | 'addresses' | 'terms'
export type DraftErrors = Partial<Record<DraftField, string>> & {
  termRows?: Record<number, Partial<Record<'existingValue' | 'updatedValue', string>>>
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

export function draftFromSubject(subject: GdprSubjectData): RequestDraft {
  return {
    requestType: 'GDPR_EXPORT',
    base: subject,
    name: subject.name ?? '',
    phones: subject.phoneNumbers.join('\n'),
    emails: subject.emailAddresses.join('\n'),
    addresses: subject.addresses.join('\n'),
    terms: [],
  }
}

export function emptyDraft(): RequestDraft {
  return draftFromSubject({ addresses: [], phoneNumbers: [], emailAddresses: [] })
}

export function subjectOf(draft: RequestDraft): GdprSubjectData {
  const name = draft.name.trim()
  return {
    ...draft.base,
    name: name || undefined,
    phoneNumbers: lines(draft.phones),
    emailAddresses: lines(draft.emails),
    addresses: lines(draft.addresses),
  }
}

export function submitInputOf(draft: RequestDraft, confirmation?: string): PrivacySubmitInput {
  return {
    requestType: draft.requestType,
    subject: subjectOf(draft),
    replacementTerms: draft.requestType === 'GDPR_UPDATE' ? draft.terms : [],
    ...(confirmation !== undefined ? { confirmation } : {}),
  }
}

const LIST_FIELDS: Record<string, DraftField> = {
  'subject.phoneNumbers': 'phones',
  'subject.emailAddresses': 'emails',
  'subject.addresses': 'addresses',
}

/** Puts each problem (from the shared rules or the core's details) next to the control it is about. */
export function errorsFromProblems(problems: FieldProblem[]): DraftErrors {
  const errors: DraftErrors = {}
  const add = (field: DraftField, message: string) => (errors[field] = errors[field] ? `${errors[field]} ${message}` : message)
  for (const { field, message } of problems) {
    const list = /^(subject\.\w+)\.(\d+)$/.exec(field)
    const term = /^replacementTerms\.(\d+)\.(existingValue|updatedValue)$/.exec(field)
    if (list && LIST_FIELDS[list[1]]) add(LIST_FIELDS[list[1]], `Line ${Number(list[2]) + 1}: ${message}.`)
    else if (term) {
      errors.termRows ??= {}
      const row = (errors.termRows[Number(term[1])] ??= {})
      row[term[2] as 'existingValue' | 'updatedValue'] = message
    } else if (field === 'replacementTerms') add('terms', message)
    else if (field === 'subject') add('subject', message)
  }
  return errors
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.keys(errors).some((k) => k !== 'termRows') || Object.keys(errors.termRows ?? {}).length > 0
}

/** The core's invalid_input details, back into FieldProblems. */
export function problemsFromDetails(details: Record<string, unknown>[] | undefined): FieldProblem[] {
  return (details ?? []).flatMap((d) =>
    typeof d.fieldName === 'string' && typeof d.message === 'string' ? [{ field: d.fieldName, message: d.message }] : [],
  )
}
