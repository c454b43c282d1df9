import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../src/shared/api'
import { REGIONS } from '../../../src/shared/regions'
import {
  emptyProfileForm,
  fieldErrorsFromAppError,
  formFromProfile,
  regionGroups,
  validateProfileForm,
} from '../../../src/renderer/src/features/connections/profileForm'

const valid = { name: ' Acme ', region: 'eu-west-1', clientId: 'abcdef12-3456', clientSecret: 's3cret', gatewayUrl: '' }

describe('validateProfileForm', () => {
  it('names every problem of an empty new profile, the secret included', () => {
    const result = validateProfileForm(emptyProfileForm(), false)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.name).toBe('Name is required')
    expect(result.errors.region).toBe('Choose a region from the list')
    expect(result.errors.clientId).toMatch(/8 to 100 letters/)
    expect(result.errors.clientSecret).toBe('Client secret is required')
  })

  it('accepts an https gateway or a loopback http one, and refuses anything else', () => {
    const ok = validateProfileForm({ ...valid, gatewayUrl: 'http://127.0.0.1:9000/' }, false)
    expect(ok).toMatchObject({ ok: true, input: { gatewayUrl: 'http://127.0.0.1:9000' } })
    expect(validateProfileForm({ ...valid, gatewayUrl: 'https://gw.example.com' }, false).ok).toBe(true)
    for (const bad of ['http://gw.example.com', 'ftp://127.0.0.1', 'https://user:pw@gw.example.com', 'not a url']) {
      const result = validateProfileForm({ ...valid, gatewayUrl: bad }, false)
      expect(result.ok, bad).toBe(false)
      if (!result.ok) expect(result.errors.gatewayUrl).toMatch(/Gateway URL/)
    }
  })

  it('gives the trimmed input the contract expects', () => {
    const result = validateProfileForm(valid, false)
    expect(result).toEqual({ ok: true, input: { name: 'Acme', region: 'eu-west-1', clientId: 'abcdef12-3456', clientSecret: 's3cret' } })
  })

  it('leaves the secret out when editing with an empty secret field (keep the stored one)', () => {
    const result = validateProfileForm({ ...valid, id: 'p1', clientSecret: '' }, true)
    expect(result.ok && result.input).toEqual({ id: 'p1', name: 'Acme', region: 'eu-west-1', clientId: 'abcdef12-3456' })
  })

  it('still asks for a secret when the edited profile has none stored', () => {
    const result = validateProfileForm({ ...valid, id: 'p1', clientSecret: '' }, false)
    expect(result.ok).toBe(false)
  })
})

describe('formFromProfile', () => {
  it('never pre-fills the secret', () => {
    const profile: ProfileView = { id: 'p1', name: 'A', region: 'eu-west-1', apiBase: 'https://api.mypurecloud.ie', clientId: 'abcdef12', hasSecret: true, isSandbox: false, active: false }
    expect(formFromProfile(profile)).toEqual({ id: 'p1', name: 'A', region: 'eu-west-1', clientId: 'abcdef12', clientSecret: '', gatewayUrl: '' })
  })
})

describe('fieldErrorsFromAppError', () => {
  it('maps a core zod message "field: problem; field: problem" to the fields', () => {
    const errors = fieldErrorsFromAppError({ code: 'invalid_input', message: 'name: Name is required; clientId: too short; other: ignored' })
    expect(errors).toEqual({ name: 'Name is required', clientId: 'too short' })
  })
  it('maps details with fieldName', () => {
    expect(fieldErrorsFromAppError({ code: 'invalid_input', message: 'Invalid', details: [{ fieldName: 'region', message: 'Unknown region' }] })).toEqual({ region: 'Unknown region' })
  })
  it('leaves errors that are not about input to the error panel', () => {
    expect(fieldErrorsFromAppError({ code: 'unauthorized', message: 'name: x' })).toEqual({})
  })
})

describe('regionGroups', () => {
  it('groups every region, in order, by the words before the parenthesis', () => {
    const groups = regionGroups(REGIONS)
    expect(groups.map((g) => g.group)).toEqual(['Americas', 'EMEA', 'Asia Pacific'])
    expect(groups.flatMap((g) => g.regions).length).toBe(REGIONS.length)
  })
})
