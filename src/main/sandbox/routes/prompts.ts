import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { pageOf, type PageRequest } from '../paging'
import { requirePermission } from '../permissions'
import { filterPrompts, promptListLinkQuery, readPromptListQuery } from '../prompts/promptListQuery'
import { promptMediaRoute } from '../prompts/promptMediaRoute'
import type { SandboxPromptRecord } from '../prompts/promptRecords'
import { PROMPT_EDIT, promptUploadRoute } from '../prompts/promptUploadRoute'
import { PROMPTS_PATH, promptAssetView, promptView } from '../prompts/promptView'
import { parseApiBody } from '../validation'

export const PROMPT_VIEW = 'architect:userPrompt:view'
export const PROMPT_ADD = 'architect:userPrompt:add'
export const PROMPT_DELETE = 'architect:userPrompt:delete'

const NAME_RULE = 'The name must start with a letter and hold only letters, digits and underscores (at most 200 characters).'

const newPrompt = z.object({
  name: z
    .string({ error: 'name is required' })
    .max(200, NAME_RULE)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, NAME_RULE),
  description: z.string().max(1000).optional(),
})

const tags = z.record(z.string().max(200), z.array(z.string().max(200)).max(50))
const resourceFields = {
  ttsString: z.string().max(10_000).optional(),
  text: z.string().max(10_000).optional(),
  tags: tags.optional(),
}
const newResource = z.object({
  language: z
    .string({ error: 'language is required' })
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'language must be a language tag such as en-us')
    .transform((language) => language.toLowerCase()),
  ...resourceFields,
})
const resourceUpdate = z.object(resourceFields)

/**
 * Architect user prompts: the list (name filter with `*`, pages), create (name rule, 409 on a taken name,
 * case-insensitive), get and delete; a prompt's language resources (create with 409 on a taken language,
 * get, update TTS/text, delete), each with the uploadUri its audio goes to (promptUploadRoute.ts) and,
 * once transcoded, a mediaUri (promptMediaRoute.ts).
 */
export async function promptRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const store = ctx.prompts

  app.get(PROMPTS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_VIEW)) return reply
    const raw = request.query as Record<string, unknown>
    const read = readPromptListQuery(raw)
    if (!read.ok)
      return sendGenesysError(reply, 400, 'bad.request', read.message, {
        details: [{ errorCode: 'invalid.value', fieldName: read.fieldName }],
      })
    const { includeResources, includeMediaUris } = read.query
    const prompts = filterPrompts(store.list(), read.query).map((prompt) => promptView(ctx, prompt, { includeResources, includeMediaUris }))
    return pageOf(prompts, PROMPTS_PATH, raw as PageRequest, promptListLinkQuery(raw))
  })

  app.post(PROMPTS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_ADD)) return reply
    const input = parseApiBody(newPrompt, request.body, reply)
    if (!input) return reply
    const created = store.create(input)
    if (created === 'exists')
      return sendGenesysError(reply, 409, 'general.conflict', `A prompt named ${input.name} already exists.`, {
        details: [{ errorCode: 'duplicate.value', fieldName: 'name' }],
      })
    return promptView(ctx, created)
  })

  app.get(`${PROMPTS_PATH}/:promptId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_VIEW)) return reply
    const prompt = findPrompt(request, reply)
    return prompt ? promptView(ctx, prompt) : reply
  })

  app.delete(`${PROMPTS_PATH}/:promptId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_DELETE)) return reply
    const prompt = findPrompt(request, reply)
    if (!prompt) return reply
    await store.delete(prompt.id)
    return reply.code(204).send()
  })

  app.get(`${PROMPTS_PATH}/:promptId/resources`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_VIEW)) return reply
    const prompt = findPrompt(request, reply)
    if (!prompt) return reply
    const assets = [...prompt.resources.values()].map((resource) => promptAssetView(ctx, prompt, resource))
    return pageOf(assets, `${PROMPTS_PATH}/${prompt.id}/resources`, request.query as PageRequest)
  })

  app.post(`${PROMPTS_PATH}/:promptId/resources`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_EDIT)) return reply
    const prompt = findPrompt(request, reply)
    if (!prompt) return reply
    const input = parseApiBody(newResource, request.body, reply)
    if (!input) return reply
    const { language, ...fields } = input
    const created = store.addResource(prompt, language, fields)
    if (created === 'exists')
      return sendGenesysError(reply, 409, 'general.conflict', `Prompt ${prompt.name} already has a resource for language ${language}.`, {
        details: [{ errorCode: 'duplicate.value', fieldName: 'language' }],
      })
    return promptAssetView(ctx, prompt, created)
  })

  app.get(`${PROMPTS_PATH}/:promptId/resources/:language`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_VIEW)) return reply
    const found = findResource(request, reply)
    return found ? promptAssetView(ctx, found.prompt, found.resource) : reply
  })

  app.put(`${PROMPTS_PATH}/:promptId/resources/:language`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_EDIT)) return reply
    const found = findResource(request, reply)
    if (!found) return reply
    const input = parseApiBody(resourceUpdate, request.body, reply)
    if (!input) return reply
    store.updateResource(found.resource, input)
    return promptAssetView(ctx, found.prompt, found.resource)
  })

  app.delete(`${PROMPTS_PATH}/:promptId/resources/:language`, async (request, reply) => {
    if (!requirePermission(ctx, reply, PROMPT_EDIT)) return reply
    const found = findResource(request, reply)
    if (!found) return reply
    await store.deleteResource(found.prompt, found.resource.language)
    return reply.code(204).send()
  })

  await promptUploadRoute(app, ctx, store)
  promptMediaRoute(app, ctx, store)

  function findPrompt(request: FastifyRequest, reply: FastifyReply): SandboxPromptRecord | undefined {
    const { promptId } = request.params as { promptId: string }
    const prompt = store.prompt(promptId)
    if (!prompt)
      sendGenesysError(reply, 404, 'not.found', `Prompt ${promptId} was not found.`, {
        details: [{ errorCode: 'not.found', entityId: promptId }],
      })
    return prompt
  }

  function findResource(request: FastifyRequest, reply: FastifyReply) {
    const prompt = findPrompt(request, reply)
    if (!prompt) return undefined
    const { language } = request.params as { language: string }
    const resource = prompt.resources.get(language.toLowerCase())
    if (!resource) {
      sendGenesysError(reply, 404, 'not.found', `Prompt ${prompt.name} has no resource for language ${language}.`, {
        details: [{ errorCode: 'not.found', entityId: prompt.id }],
      })
      return undefined
    }
    return { prompt, resource }
  }
}
