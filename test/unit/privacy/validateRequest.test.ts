import { describe, expect, it } from 'vitest'
import { validatePrivacyRequest } from '../../../src/main/core/privacy'
import type { PrivacySubmitData } from '../../../src/shared/contract/privacy'
import { AppError } from '../../../src/shared/errors'

const subject = {
  name: ' Amelia Hart ',
  userId: 'u-1',
  addresses: [' 12 Rose Street '],
  phoneNumbers: ['+442079460123'],
  emailAddresses: ['amelia.hart@example.com'],
}
const request = (over: Partial<PrivacySubmitData> = {}): PrivacySubmitData => ({
  requestType: 'GDPR_EXPORT',
  subject,
  replacementTerms: [],
  ...over,
})

function refusal(input: PrivacySubmitData): AppError {
  try {
    validatePrivacyRequest(input)
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('validatePrivacyRequest', () => {
  it('passes a good export, trimmed, with deleteConfirmed false and no replacement terms', () => {
    const { body, deleteConfirmed } = validatePrivacyRequest(request())
    expect(deleteConfirmed).toBe(false)
    expect(body).toEqual({
      requestType: 'GDPR_EXPORT',
      subject: {
        name: 'Amelia Hart',
        userId: 'u-1',
        addresses: ['12 Rose Street'],
        phoneNumbers: ['+442079460123'],
        emailAddresses: ['amelia.hart@example.com'],
      },
    })
  })

  it('refuses with invalid_input and one detail per problem, naming the field', () => {
    const error = refusal(request({ subject: { ...subject, userId: undefined, phoneNumbers: ['07700 900123'], emailAddresses: ['x@'] } }))
    expect(error).toBeInstanceOf(AppError)
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/^The request was not sent: 2 problems\./)
    expect(error.hint).toContain('Nothing was sent')
    expect(error.details?.map((d) => d.fieldName)).toEqual(['subject.phoneNumbers.0', 'subject.emailAddresses.0'])
  })

  it('refuses a delete without the typed confirmation, or with the wrong one, and confirms only a match', () => {
    expect(refusal(request({ requestType: 'GDPR_DELETE' })).details).toEqual([
      expect.objectContaining({ fieldName: 'confirmation', message: 'Type “Amelia Hart” to confirm the delete.' }),
    ])
    expect(refusal(request({ requestType: 'GDPR_DELETE', confirmation: 'DELETE' })).details?.[0].message).toContain('does not match')
    expect(refusal(request({ requestType: 'GDPR_DELETE', confirmation: 'amelia hart' })).details?.[0].message).toContain('exactly')
    expect(validatePrivacyRequest(request({ requestType: 'GDPR_DELETE', confirmation: 'Amelia Hart ' })).deleteConfirmed).toBe(true)
  })

  it('never sets deleteConfirmed for an export or update, whatever is typed', () => {
    expect(validatePrivacyRequest(request({ confirmation: 'Amelia Hart' })).deleteConfirmed).toBe(false)
    const update = validatePrivacyRequest(
      request({
        requestType: 'GDPR_UPDATE',
        confirmation: 'Amelia Hart',
        replacementTerms: [{ type: 'NAME', existingValue: 'Amelia Hart', updatedValue: ' Amelia Stone ' }],
      }),
    )
    expect(update.deleteConfirmed).toBe(false)
    expect(update.body.replacementTerms).toEqual([{ type: 'NAME', existingValue: 'Amelia Hart', updatedValue: 'Amelia Stone' }])
  })
})
