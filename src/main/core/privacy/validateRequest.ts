import type { GdprSubjectData, PrivacySubmitData } from '../../../shared/contract/privacy'
import { AppError } from '../../../shared/errors'
import { checkPrivacyRequest, deleteConfirmationMatches, expectedDeleteConfirmation, type FieldProblem } from '../../../shared/privacyRules'
import type { GdprRequestBody } from './gdprApi'

export interface ValidatedRequest {
  body: GdprRequestBody
  /** true only for a delete whose typed confirmation matched. */
  deleteConfirmed: boolean
}

/**
 * Checks a request before anything is sent: the shared rules (an identifier, E.164 phones, valid
 * emails, replacement terms only for updates) and, for a delete, the typed confirmation. Throws an
 * invalid_input AppError with one detail per problem; returns the body to send, trimmed.
 */
export function validatePrivacyRequest(input: PrivacySubmitData): ValidatedRequest {
  const subject = cleanSubject(input.subject)
  const terms = input.replacementTerms.map((t) => ({
    type: t.type,
    existingValue: t.existingValue.trim(),
    updatedValue: t.updatedValue.trim(),
  }))
  const problems: FieldProblem[] = checkPrivacyRequest({ requestType: input.requestType, subject, replacementTerms: terms })
  const isDelete = input.requestType === 'GDPR_DELETE'
  if (isDelete && !deleteConfirmationMatches(subject, input.confirmation)) {
    const expected = expectedDeleteConfirmation(subject)
    problems.push({
      field: 'confirmation',
      message: input.confirmation?.trim()
        ? `The confirmation does not match: type “${expected}” exactly.`
        : `Type “${expected}” to confirm the delete.`,
    })
  }
  if (problems.length > 0) throw invalid(problems)
  const body: GdprRequestBody = { requestType: input.requestType, subject }
  if (input.requestType === 'GDPR_UPDATE') body.replacementTerms = terms
  return { body, deleteConfirmed: isDelete }
}

function invalid(problems: FieldProblem[]): AppError {
  const count = problems.length === 1 ? 'one problem' : `${problems.length} problems`
  return new AppError({
    code: 'invalid_input',
    message: `The request was not sent: ${count}. ${problems.map((p) => p.message).join(' ')}`,
    hint: 'Correct the marked fields and submit again. Nothing was sent to Genesys Cloud.',
    details: problems.map((p) => ({ fieldName: p.field, errorCode: 'invalid.value', message: p.message })),
  })
}

/** Trimmed values, empty optional fields dropped, so the platform gets exactly what was checked. */
function cleanSubject(subject: GdprSubjectData): GdprSubjectData {
  const clean: GdprSubjectData = {
    addresses: subject.addresses.map((a) => a.trim()),
    phoneNumbers: subject.phoneNumbers.map((p) => p.trim()),
    emailAddresses: subject.emailAddresses.map((e) => e.trim()),
  }
  const name = subject.name?.trim()
  if (name) clean.name = name
  if (subject.userId?.trim()) clean.userId = subject.userId.trim()
  if (subject.externalContactId?.trim()) clean.externalContactId = subject.externalContactId.trim()
  if (subject.dialerContactId?.id.trim()) clean.dialerContactId = subject.dialerContactId
  if (subject.journeyCustomer?.id.trim()) clean.journeyCustomer = subject.journeyCustomer
  if (subject.socialHandle?.value.trim()) clean.socialHandle = { type: subject.socialHandle.type, value: subject.socialHandle.value.trim() }
  if (subject.externalId?.trim()) clean.externalId = subject.externalId.trim()
  return clean
}
