import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointInput,
  type WebhookEndpointUpdate,
  type WebhookEventType,
} from '../../../shared/contract/webhooks'
import { AppError } from '../../../shared/errors'
import type { SettingsSlice } from '../kit'
import type { WorkflowServices } from '../workflow'
import { checkEndpointUrl } from './endpointUrl'

/** An endpoint's configuration as kept in settings (its secrets are sealed apart, in the workflow's secrets). */
export const StoredEndpoint = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  includeDownloadLinks: z.boolean(),
  createdAt: z.string(),
  secretCreatedAt: z.string(),
  previousSecretExpiresAt: z.string().optional(),
  disabledReason: z.string().optional(),
})
export type StoredEndpoint = z.infer<typeof StoredEndpoint>

const Slice = z.object({ endpoints: z.array(StoredEndpoint) })

export const MAX_ENDPOINTS = 50

/** The add input after the contract's defaults applied. */
export type EndpointInput = Required<WebhookEndpointInput>

/** The endpoints, read from and written to the workflow's settings slice (changes are rare: a plain read-modify-write). */
export class EndpointStore {
  private readonly slice: SettingsSlice<z.infer<typeof Slice>>
  /** Read on every event and every attempt: kept in memory, written through on each change. */
  private cached?: StoredEndpoint[]

  constructor(services: Pick<WorkflowServices, 'settingsSlice'>) {
    this.slice = services.settingsSlice('webhooks', Slice, { endpoints: [] })
  }

  list(): StoredEndpoint[] {
    this.cached ??= this.slice.get().endpoints
    return this.cached
  }

  find(id: string): StoredEndpoint | undefined {
    return this.list().find((e) => e.id === id)
  }

  get(id: string): StoredEndpoint {
    const found = this.find(id)
    if (!found)
      throw new AppError({ code: 'not_found', message: `There is no endpoint ${id}.`, hint: 'Reload the list; it may have been removed.' })
    return found
  }

  add(input: EndpointInput, at: Date): StoredEndpoint {
    const endpoints = this.list()
    if (endpoints.length >= MAX_ENDPOINTS)
      throw new AppError({
        code: 'invalid_input',
        message: `At most ${MAX_ENDPOINTS} endpoints can be set up.`,
        hint: 'Remove one you no longer use.',
      })
    const url = checkEndpointUrl(input.url).href
    const endpoint: StoredEndpoint = {
      id: `ep_${randomBytes(9).toString('base64url')}`,
      name: input.name,
      url,
      events: unique(input.events),
      enabled: input.enabled,
      includeDownloadLinks: input.includeDownloadLinks,
      createdAt: at.toISOString(),
      secretCreatedAt: at.toISOString(),
    }
    this.save([...endpoints, endpoint])
    return endpoint
  }

  /** Applies an admin's edit; enabling an endpoint again clears why Switchboard had disabled it. */
  update(patch: Omit<WebhookEndpointUpdate, 'id'> & { id: string }): StoredEndpoint {
    const current = this.get(patch.id)
    const next: StoredEndpoint = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: checkEndpointUrl(patch.url).href } : {}),
      ...(patch.events !== undefined ? { events: unique(patch.events) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.includeDownloadLinks !== undefined ? { includeDownloadLinks: patch.includeDownloadLinks } : {}),
    }
    if (patch.enabled === true) delete next.disabledReason
    return this.replace(next)
  }

  replace(endpoint: StoredEndpoint): StoredEndpoint {
    this.save(this.list().map((e) => (e.id === endpoint.id ? endpoint : e)))
    return endpoint
  }

  remove(id: string): boolean {
    const endpoints = this.list()
    if (!endpoints.some((e) => e.id === id)) return false
    this.save(endpoints.filter((e) => e.id !== id))
    return true
  }

  private save(endpoints: StoredEndpoint[]): void {
    this.cached = this.slice.set({ endpoints }).endpoints
  }
}

function unique(events: readonly WebhookEventType[]): WebhookEventType[] {
  return [...new Set(events)]
}
