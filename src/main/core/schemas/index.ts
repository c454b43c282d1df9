import { schemaMethods } from '../../../shared/contract/schemas'
import { defineWorkflow } from '../kit'
import { applySchemaChange } from './applySchemaChange'
import { buildReview } from './buildReview'
import { exportReview } from './exportReview'
import { parseFields } from './fieldModel'
import { importProposal } from './importProposal'
import { reviewAgainst } from './reviewAgainst'
import { SchemaCache } from './schemaCache'
import { openSchemaSession } from './schemaSession'
import { toSummary, toVersionView, toView } from './schemaViews'
import { UserNameCache, withAuthorNames } from './versionAuthors'

/** Schema migrations: read External Contacts schemas, review proposed changes, apply them safely. */
export const schemasWorkflow = defineWorkflow(schemaMethods, (services) => {
  const cache = new SchemaCache()
  const userNames = new UserNameCache()
  const session = () => openSchemaSession(services, cache)
  /** Each step's audit lines are on disk before the step answers, failed or not. */
  const flushed = async <T>(step: Promise<T>): Promise<T> => {
    try {
      return await step
    } finally {
      await services.audit.flush()
    }
  }

  return {
    handlers: {
      'schemas.list': async () => (await session().api.list()).map(toSummary).sort((a, b) => a.name.localeCompare(b.name)),
      'schemas.get': async ({ schemaId }) => toView(await session().api.get(schemaId)),
      'schemas.versions': async ({ schemaId }) => {
        const { api, profileId, users } = session()
        const versions = (await api.versions(schemaId)).map(toVersionView).sort((a, b) => b.version - a.version)
        return withAuthorNames(versions, (userId) => userNames.nameOf(profileId, userId, () => users.get(userId)))
      },
      'schemas.compare': async ({ schemaId, fromVersion, toVersion }) => {
        const api = session().api
        const [from, to] = await Promise.all([api.version(schemaId, fromVersion), api.version(schemaId, toVersion)])
        return buildReview({
          schemaId,
          schemaName: to.name,
          baseVersion: from.version,
          base: parseFields(from.jsonSchema),
          proposed: parseFields(to.jsonSchema),
        })
      },
      'schemas.review': async ({ schemaId, baseVersion, proposed }) =>
        (await reviewAgainst(session(), schemaId, baseVersion, proposed)).review,
      'schemas.apply': async (input) => flushed(applySchemaChange(session(), input)),
      'schemas.importProposal': async (input) => flushed(importProposal(session(), input)),
      'schemas.exportReview': async (input) => flushed(exportReview(session(), input, services)),
    },
  }
})
