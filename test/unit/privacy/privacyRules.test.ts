import { describe, expect, it } from 'vitest'
import {
  checkPrivacyRequest,
  deleteConfirmationMatches,
  expectedDeleteConfirmation,
  hasIdentifier,
  isE164,
  isEmailAddress,
  phoneProblem,
  suggestE164,
  twitterHandleProblem,
} from '../../../src/shared/privacyRules'
import type { GdprSubjectData } from '../../../src/shared/contract/privacy'

const subject = (over: Partial<GdprSubjectData> = {}): GdprSubjectData => ({ addresses: [], phoneNumbers: [], emailAddresses: [], ...over })

describe('E.164 phone numbers', () => {
  it.each(['+442079460123', '+15555550123', '+8613800138000', '+6834002'])('accepts %s', (n) => expect(isE164(n)).toBe(true))
  it.each(['442079460123', '+44 20 7946 0123', '+0442079460123', '+44-20-7946-0123', '+1234', '+1234567890123456', '(555) 555-0123', ''])(
    'refuses %j',
    (n) => expect(isE164(n)).toBe(false),
  )

  it('suggests the E.164 form when only separators are wrong, and says what E.164 is otherwise', () => {
    expect(suggestE164('+44 20 7946 0123')).toBe('+442079460123')
    expect(suggestE164('0044 (20) 7946-0123')).toBe('+442079460123')
    expect(suggestE164('020 7946 0123')).toBeUndefined()
    expect(phoneProblem('+44 20 7946 0123')).toContain('write it as +442079460123')
    expect(phoneProblem('020 7946 0123')).toContain('country code')
    expect(phoneProblem('+442079460123')).toBeUndefined()
  })
})

describe('email addresses', () => {
  it.each(['a@example.com', 'first.last+tag@example.co.uk'])('accepts %s', (e) => expect(isEmailAddress(e)).toBe(true))
  it.each(['a@', '@example.com', 'a example@x.com', 'a@b', 'plain'])('refuses %j', (e) => expect(isEmailAddress(e)).toBe(false))
})

describe('at least one identifier', () => {
  it('does not count a name alone, or blank entries', () => {
    expect(hasIdentifier(subject({ name: 'Amelia Hart' }))).toBe(false)
    expect(hasIdentifier(subject({ phoneNumbers: ['  '], emailAddresses: [''] }))).toBe(false)
    expect(
      checkPrivacyRequest({ requestType: 'GDPR_EXPORT', subject: subject({ name: 'Amelia Hart' }), replacementTerms: [] }).map(
        (p) => p.field,
      ),
    ).toEqual(['subject'])
  })

  it.each([
    { userId: 'u-1' },
    { externalContactId: 'c-1' },
    { dialerContactId: { id: 'd-1', contactListId: 'l-1' } },
    { journeyCustomer: { type: 'cookie', id: 'j-1' } },
    { socialHandle: { type: 'TWITTER', value: 'someone' } },
    { externalId: 'CRM-1' },
    { addresses: ['1 Street'] },
    { phoneNumbers: ['+15555550123'] },
    { emailAddresses: ['a@example.com'] },
  ])('counts %j', (over) => expect(hasIdentifier(subject(over as Partial<GdprSubjectData>))).toBe(true))
})

describe('a whole request', () => {
  it('names each bad phone and email by position, and duplicates', () => {
    const problems = checkPrivacyRequest({
      requestType: 'GDPR_EXPORT',
      subject: subject({ phoneNumbers: ['+15555550123', '555 0123', '+15555550123'], emailAddresses: ['ok@example.com', 'nope'] }),
      replacementTerms: [],
    })
    expect(problems.map((p) => p.field)).toEqual(['subject.phoneNumbers.1', 'subject.phoneNumbers.2', 'subject.emailAddresses.1'])
    expect(problems[1].message).toContain('listed twice')
  })

  it('allows replacement terms only on updates, requires one there, and checks their values by type', () => {
    const base = { subject: subject({ emailAddresses: ['a@example.com'] }) }
    const term = { type: 'EMAIL' as const, existingValue: 'a@example.com', updatedValue: 'b@example.com' }
    expect(checkPrivacyRequest({ ...base, requestType: 'GDPR_EXPORT', replacementTerms: [term] }).map((p) => p.field)).toEqual([
      'replacementTerms',
    ])
    expect(checkPrivacyRequest({ ...base, requestType: 'GDPR_DELETE', replacementTerms: [term] }).map((p) => p.field)).toEqual([
      'replacementTerms',
    ])
    expect(checkPrivacyRequest({ ...base, requestType: 'GDPR_UPDATE', replacementTerms: [] }).map((p) => p.field)).toEqual([
      'replacementTerms',
    ])
    expect(checkPrivacyRequest({ ...base, requestType: 'GDPR_UPDATE', replacementTerms: [term] })).toEqual([])
    const bad = checkPrivacyRequest({
      ...base,
      requestType: 'GDPR_UPDATE',
      replacementTerms: [
        { type: 'PHONE', existingValue: '+15555550123', updatedValue: '555-0199' },
        { type: 'NAME', existingValue: 'Ann', updatedValue: 'Ann' },
        { type: 'ADDRESS', existingValue: '', updatedValue: '2 Road' },
      ],
    })
    expect(bad.map((p) => p.field)).toEqual([
      'replacementTerms.0.updatedValue',
      'replacementTerms.1.updatedValue',
      'replacementTerms.2.existingValue',
    ])
  })
})

describe('replacement terms of type TWITTER', () => {
  it('are accepted as the API allows, with the values checked as handles', () => {
    const base = { requestType: 'GDPR_UPDATE' as const, subject: subject({ emailAddresses: ['a@example.com'] }) }
    const term = (existingValue: string, updatedValue: string) => ({ type: 'TWITTER' as const, existingValue, updatedValue })
    expect(checkPrivacyRequest({ ...base, replacementTerms: [term('@janedoe', 'jane_doe2')] })).toEqual([])
    expect(checkPrivacyRequest({ ...base, replacementTerms: [term('@janedoe', 'not a handle')] }).map((p) => p.field)).toEqual([
      'replacementTerms.0.updatedValue',
    ])
    expect(twitterHandleProblem('@this_is_far_too_long_for_x')).toContain('up to 15')
  })
})

describe('delete confirmation', () => {
  it('expects the subject name, or DELETE when there is none', () => {
    expect(expectedDeleteConfirmation(subject({ name: '  Amelia   Hart ' }))).toBe('Amelia Hart')
    expect(expectedDeleteConfirmation(subject({ emailAddresses: ['a@example.com'] }))).toBe('DELETE')
  })

  it('accepts exactly the text the dialog asks for, case included; only spaces around it are forgiven', () => {
    const amelia = subject({ name: 'Amelia Hart' })
    expect(deleteConfirmationMatches(amelia, ' Amelia Hart ')).toBe(true)
    expect(deleteConfirmationMatches(amelia, 'amelia hart')).toBe(false)
    expect(deleteConfirmationMatches(amelia, 'AMELIA HART')).toBe(false)
    expect(deleteConfirmationMatches(amelia, 'Amelia Har')).toBe(false)
    expect(deleteConfirmationMatches(amelia, 'DELETE')).toBe(false)
    expect(deleteConfirmationMatches(amelia, undefined)).toBe(false)
    expect(deleteConfirmationMatches(subject(), '')).toBe(false)
    expect(deleteConfirmationMatches(subject(), 'delete')).toBe(false)
    expect(deleteConfirmationMatches(subject(), 'DELETE')).toBe(true)
  })
})
