import platformClient from 'purecloud-platform-client-v2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { api, getToken } from './sandbox-helpers'

const SCHEMAS = '/api/v2/externalcontacts/contacts/schemas'
const CUSTOMER = '3b8f2a64-1c3e-4f0a-9d61-7c2e5b9a4d10'

let sandbox: Sandbox
let token: string
beforeAll(async () => {
  sandbox = await startSandbox()
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())

type DataSchema = {
  id: string
  name: string
  version: number
  jsonSchema: { properties: Record<string, Record<string, unknown>>; required: string[] }
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T
}

describe('sandbox: External Contacts custom-field schemas', () => {
  it('lists the seeded schemas in the unpaged envelope, each a DataSchema with typed field keys', async () => {
    const listing = await json<{ total: number; entities: DataSchema[]; selfUri: string }>(await api(sandbox, SCHEMAS, token))
    expect(listing.total).toBe(3)
    expect(listing.selfUri).toBe(SCHEMAS)
    const customer = listing.entities.find((s) => s.id === CUSTOMER)!
    expect(customer).toMatchObject({ name: 'Customer profile', version: 3, appliesTo: ['CONTACT'], enabled: true })
    expect(customer.jsonSchema.properties.loyalty_tier_enum).toMatchObject({
      allOf: [{ $ref: '#/definitions/enum' }],
      enum: ['bronze', 'silver', 'gold', 'platinum'],
    })
    expect(listing.entities.find((s) => s.name === 'Marketing attributes')?.jsonSchema.properties).toSatisfy(
      (p: object) => Object.keys(p).length === 100,
    )
  })

  it('serves limits, core types and every version', async () => {
    const limits = await json<Record<string, number>>(await api(sandbox, `${SCHEMAS}/limits`, token))
    expect(limits).toMatchObject({
      maxNumberOfFieldsPerSchema: expect.any(Number),
      maxNumberOfSchemasPerOrg: expect.any(Number),
      maxNumberOfFieldsPerOrg: expect.any(Number),
      maxFieldTitleCharacters: expect.any(Number),
    })
    const coretypes = await json<{ entities: { name: string }[] }>(await api(sandbox, `${SCHEMAS}/coretypes`, token))
    expect(coretypes.entities.map((c) => c.name)).toEqual([
      'text',
      'longtext',
      'identifier',
      'url',
      'integer',
      'number',
      'checkbox',
      'date',
      'datetime',
      'enum',
      'tag',
    ])
    const versions = await json<{ total: number; entities: DataSchema[] }>(await api(sandbox, `${SCHEMAS}/${CUSTOMER}/versions`, token))
    expect(versions.entities.map((v) => v.version)).toEqual([3, 2, 1])
    const v1 = await json<DataSchema>(await api(sandbox, `${SCHEMAS}/${CUSTOMER}/versions/1`, token))
    expect(Object.keys(v1.jsonSchema.properties)).toHaveLength(5)
    expect((await api(sandbox, `${SCHEMAS}/${CUSTOMER}/versions/9`, token)).status).toBe(404)
  })

  it('updates with the version read (+1, history kept), and answers 409 with the real error body to a stale version', async () => {
    const created = await json<DataSchema>(
      await api(sandbox, SCHEMAS, token, {
        method: 'POST',
        body: {
          name: 'Lock test',
          version: 1,
          jsonSchema: { properties: { a_text: { allOf: [{ $ref: '#/definitions/text' }], title: 'A', maxLength: 20 } } },
        },
      }),
    )
    expect(created.version).toBe(1)
    const next = structuredClone(created)
    next.jsonSchema.properties.b_checkbox = { allOf: [{ $ref: '#/definitions/checkbox' }], title: 'B' }
    const ok = await api(sandbox, `${SCHEMAS}/${created.id}`, token, { method: 'PUT', body: next })
    expect(ok.status).toBe(200)
    expect((await json<DataSchema>(ok)).version).toBe(2)

    const stale = await api(sandbox, `${SCHEMAS}/${created.id}`, token, { method: 'PUT', body: next })
    expect(stale.status).toBe(409)
    expect(stale.headers.get('inin-correlation-id')).toBeTruthy()
    const body = await json<Record<string, unknown>>(stale)
    expect(body).toMatchObject({
      status: 409,
      code: 'conflict',
      message: expect.stringMatching(/version number .* must match the version number in the database/),
      contextId: expect.any(String),
    })
    const history = await json<{ entities: DataSchema[] }>(await api(sandbox, `${SCHEMAS}/${created.id}/versions`, token))
    expect(history.entities.map((v) => [v.version, Object.keys(v.jsonSchema.properties).length])).toEqual([
      [2, 2],
      [1, 1],
    ])
    expect((await api(sandbox, `${SCHEMAS}/${created.id}`, token, { method: 'DELETE' })).status).toBe(204)
  })

  it('refuses what the types do not allow with 400 and one detail per offending field', async () => {
    const current = await json<DataSchema>(await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token))
    const bad = structuredClone(current)
    bad.jsonSchema.properties.nickname_text.maxLength = 150
    bad.jsonSchema.properties.loyalty_tier_enum.enum = Array.from({ length: 51 }, (_, i) => `o${i}`)
    bad.jsonSchema.properties.interests_tag.maxItems = 11
    bad.jsonSchema.properties.wrong_text = { allOf: [{ $ref: '#/definitions/integer' }], title: 'Wrong' }
    const response = await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token, { method: 'PUT', body: bad })
    expect(response.status).toBe(400)
    const body = await json<{ code: string; details: { errorCode: string; fieldName: string }[] }>(response)
    expect(body.code).toBe('bad.request')
    expect(body.details.map((d) => d.fieldName)).toEqual([
      'jsonSchema.properties.loyalty_tier_enum.enum',
      'jsonSchema.properties.nickname_text.maxLength',
      'jsonSchema.properties.interests_tag.maxItems',
      'jsonSchema.properties.wrong_text',
    ])
    const missingVersion = await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token, { method: 'PUT', body: { ...current, version: undefined } })
    expect(missingVersion.status).toBe(400)
    expect(await json<{ details: unknown[] }>(missingVersion)).toMatchObject({
      details: [{ errorCode: 'missing.value', fieldName: 'version' }],
    })
  })

  it('refuses appliesTo other than CONTACT and EXTERNAL_ORGANIZATION with 400 and the real error body', async () => {
    const current = await json<DataSchema & { appliesTo: string[] }>(await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token))
    const response = await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token, {
      method: 'PUT',
      body: { ...current, appliesTo: ['CONTACT', 'CONVERSATION'] },
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('inin-correlation-id')).toBeTruthy()
    const body = await json<Record<string, unknown>>(response)
    expect(body).toMatchObject({
      status: 400,
      code: 'bad.request',
      message: expect.stringContaining('CONVERSATION'),
      contextId: expect.any(String),
      details: [{ errorCode: 'invalid.value', fieldName: 'appliesTo' }],
    })
    const created = await api(sandbox, SCHEMAS, token, {
      method: 'POST',
      body: { name: 'Wrong target', appliesTo: ['USER'], jsonSchema: { properties: {} } },
    })
    expect(created.status).toBe(400)
    expect((await json<DataSchema>(await api(sandbox, `${SCHEMAS}/${CUSTOMER}`, token))).version).toBe(current.version)
    const both = await api(sandbox, SCHEMAS, token, {
      method: 'POST',
      body: { name: 'Both targets', appliesTo: ['CONTACT', 'EXTERNAL_ORGANIZATION'], jsonSchema: { properties: {} } },
    })
    expect(both.status).toBe(200)
    expect((await api(sandbox, `${SCHEMAS}/${(await json<DataSchema>(both)).id}`, token, { method: 'DELETE' })).status).toBe(204)
  })

  it('serves the users its versions name; a deleted user is 404 and a hidden one 403, each with the error body', async () => {
    const versions = await json<{ entities: (DataSchema & { createdBy: { id: string } })[] }>(
      await api(sandbox, `${SCHEMAS}/${CUSTOMER}/versions`, token),
    )
    const [v3, v2, v1] = versions.entities
    const user = await api(sandbox, `/api/v2/users/${v3.createdBy.id}`, token)
    expect(user.status).toBe(200)
    expect(await json(user)).toMatchObject({ id: v3.createdBy.id, name: 'Dana Whitfield', email: expect.any(String) })
    expect(await json(await api(sandbox, `/api/v2/users/${v2.createdBy.id}`, token))).toMatchObject({ name: 'Marcus Okafor' })
    const deleted = await api(sandbox, `/api/v2/users/${v1.createdBy.id}`, token)
    expect(deleted.status).toBe(404)
    expect(await json(deleted)).toMatchObject({ status: 404, code: 'not.found' })
    const entitlements = await json<{ entities: { createdBy: { id: string } }[] }>(
      await api(sandbox, `${SCHEMAS}/8d41c7e2-5a9b-4e3f-b0c8-2f6d1e7a9b21/versions`, token),
    )
    const hidden = await api(sandbox, `/api/v2/users/${entitlements.entities[0].createdBy.id}`, token)
    expect(hidden.status).toBe(403)
    expect(await json(hidden)).toMatchObject({ status: 403, code: 'missing.division.permission' })
    expect((await api(sandbox, `/api/v2/users/${v3.createdBy.id}`, undefined)).status).toBe(401)
  })

  it('speaks the contract the official SDK expects', async () => {
    const client = platformClient.ApiClient.instance
    client.setGateway({ protocol: 'http', host: '127.0.0.1', port: sandbox.port })
    await client.loginClientCredentialsGrant(sandbox.clientId, sandbox.clientSecret)
    const contacts = new platformClient.ExternalContactsApi()
    const listing = await contacts.getExternalcontactsContactsSchemas()
    expect(listing.entities?.length).toBe(3)
    const schema = await contacts.getExternalcontactsContactsSchema(CUSTOMER)
    const limits = await contacts.getExternalcontactsContactsSchemasLimits()
    expect(limits.maxNumberOfFieldsPerSchema).toBeGreaterThanOrEqual(100)
    const stale = await contacts
      .putExternalcontactsContactsSchema(CUSTOMER, { ...schema, version: schema.version - 1 })
      .catch((e: unknown) => e)
    expect(stale).toMatchObject({ status: 409, code: 'conflict', message: expect.stringMatching(/must match the version number/) })
  })
})
