import type { GenesysClient } from '../genesys'
import { DataSchema, DataSchemaListing, SchemaQuantityLimits } from './dataSchema'

const SCHEMAS = '/api/v2/externalcontacts/contacts/schemas'
const path = (schemaId: string) => `${SCHEMAS}/${encodeURIComponent(schemaId)}`

/** The External Contacts schema endpoints this workflow uses (shared/genesys-api.md). */
export function schemaApi(client: GenesysClient) {
  return {
    list: async () => (await client.request({ method: 'GET', path: SCHEMAS, schema: DataSchemaListing })).data.entities,
    get: async (schemaId: string) => (await client.request({ method: 'GET', path: path(schemaId), schema: DataSchema })).data,
    versions: async (schemaId: string) =>
      (await client.request({ method: 'GET', path: `${path(schemaId)}/versions`, schema: DataSchemaListing })).data.entities,
    version: async (schemaId: string, version: number) =>
      (await client.request({ method: 'GET', path: `${path(schemaId)}/versions/${version}`, schema: DataSchema })).data,
    limits: async () => (await client.request({ method: 'GET', path: `${SCHEMAS}/limits`, schema: SchemaQuantityLimits })).data,
    /** The version in the body is the one that was read: a stale one answers 409. Never re-sent blindly. */
    put: async (schemaId: string, body: DataSchema) =>
      client.request({ method: 'PUT', path: path(schemaId), data: body, schema: DataSchema, retryServerFailures: false }),
  }
}
export type SchemaApi = ReturnType<typeof schemaApi>
