import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../src/shared/api'
import { REGIONS } from '../../../src/shared/regions'
import {
  emptyProfileForm,
  fieldErrorsFromAppError,
  formFromProfile,
  regionGroups,
  savedProfileMessage,
  secretReentryMessage,
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
    const profile: ProfileView = {
      id: 'p1',
      name: 'A',
      region: 'eu-west-1',
      apiBase: 'https://api.mypurecloud.ie',
      clientId: 'abcdef12',
      hasSecret: true,
      isSandbox: false,
      active: false,
    }
    expect(formFromProfile(profile)).toEqual({
      id: 'p1',
      name: 'A',
      region: 'eu-west-1',
      clientId: 'abcdef12',
      clientSecret: '',
      gatewayUrl: '',
    })
  })
})

describe('fieldErrorsFromAppError', () => {
  it('maps a core zod message "field: problem; field: problem" to the fields', () => {
    const errors = fieldErrorsFromAppError({
      code: 'invalid_input',
      message: 'name: Name is required; clientId: too short; other: ignored',
    })
    expect(errors).toEqual({ name: 'Name is required', clientId: 'too short' })
  })
  it('maps details with fieldName', () => {
    expect(
      fieldErrorsFromAppError({ code: 'invalid_input', message: 'Invalid', details: [{ fieldName: 'region', message: 'Unknown region' }] }),
    ).toEqual({ region: 'Unknown region' })
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

describe('secretReentryMessage', () => {
  const stored: ProfileView = {
    id: 'p1',
    name: 'Prod',
    region: 'eu-west-1',
    apiBase: 'https://api.mypurecloud.ie',
    clientId: 'abcdef12-3456',
    hasSecret: true,
    isSandbox: false,
    active: false,
  }
  const viaGateway: ProfileView = { ...stored, apiBase: 'http://127.0.0.1:9000', gatewayUrl: 'http://127.0.0.1:9000' }

  it('says nothing for a name-only edit, a new profile, or a profile without a stored secret', () => {
    expect(secretReentryMessage(stored, { ...formFromProfile(stored), name: 'Prod EU' })).toBeUndefined()
    expect(secretReentryMessage(undefined, { ...valid, clientSecret: '' })).toBeUndefined()
    const noSecret = { ...stored, hasSecret: false }
    expect(secretReentryMessage(noSecret, { ...formFromProfile(noSecret), region: 'eu-central-1' })).toBeUndefined()
  })

  it('names the region, the gateway URL or the client id that changed, and the host the stored secret is sent to', () => {
    expect(secretReentryMessage(stored, { ...formFromProfile(stored), region: 'eu-central-1' })).toBe(
      'Changing the region needs the client secret again: the stored one is only sent to login.mypurecloud.ie.',
    )
    expect(secretReentryMessage(viaGateway, { ...formFromProfile(viaGateway), gatewayUrl: 'https://evil.example.com' })).toBe(
      'Changing the gateway URL needs the client secret again: the stored one is only sent to 127.0.0.1:9000.',
    )
    expect(secretReentryMessage(stored, { ...formFromProfile(stored), clientId: 'abcdef12-9999' })).toBe(
      'Changing the client id needs the client secret again: the stored one is only sent to login.mypurecloud.ie.',
    )
    expect(secretReentryMessage(stored, { ...formFromProfile(stored), gatewayUrl: 'http://127.0.0.1:9000' })).toMatch(
      /^Changing the gateway URL /,
    )
  })

  it('keeps the secret when the token host stays: a region change behind a gateway, or only the gateway path changes', () => {
    expect(secretReentryMessage(viaGateway, { ...formFromProfile(viaGateway), region: 'us-east-1' })).toBeUndefined()
    expect(
      secretReentryMessage(viaGateway, { ...formFromProfile(viaGateway), gatewayUrl: 'http://127.0.0.1:9000/genesys/' }),
    ).toBeUndefined()
  })

  it('makes the secret required, with the form saying why, when the stored one cannot be kept', () => {
    const values = { ...formFromProfile(stored), region: 'eu-central-1' }
    const message = secretReentryMessage(stored, values)
    const result = validateProfileForm(values, !message, 'Enter the client secret again')
    expect(result).toEqual({ ok: false, errors: { clientSecret: 'Enter the client secret again' } })
    expect(validateProfileForm({ ...values, clientSecret: 'new-secret' }, !message).ok).toBe(true)
  })
})

describe('savedProfileMessage', () => {
  it('tells when a save dropped the stored secret', () => {
    const saved: ProfileView = {
      id: 'p1',
      name: 'Prod',
      region: 'eu-central-1',
      apiBase: 'https://api.mypurecloud.de',
      clientId: 'abcdef12',
      hasSecret: false,
      isSandbox: false,
      active: false,
    }
    expect(savedProfileMessage(saved)).toBe('Saved profile “Prod”.')
    expect(savedProfileMessage({ ...saved, secretDropped: 'token host changed' })).toMatch(
      /client secret was removed \(token host changed\)/,
    )
  })
})
