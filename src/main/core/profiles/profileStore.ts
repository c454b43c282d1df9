import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { SANDBOX_PROFILE_ID, type ProfileInput, type ProfileRegion, type ProfileView } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { REGION_IDS, regionDomain } from '../../../shared/regions'
import type { SandboxAddress, SecretBox, SettingsBackend } from '../types'

const StoredProfile = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  region: z.enum(REGION_IDS),
  clientId: z.string().min(1),
  sealedSecret: z.string().optional(),
  gatewayUrl: z.string().optional(),
})
type StoredProfile = z.infer<typeof StoredProfile>

/** A profile with what the core needs to connect. Never leaves the core. */
export interface ConnectableProfile {
  id: string
  name: string
  region: ProfileRegion
  apiBase: string
  loginBase: string
  clientId: string
  clientSecret?: string
}

const PROFILES_KEY = 'profiles'
const ACTIVE_KEY = 'activeProfileId'

export class ProfileStore {
  /** Decrypted once per profile, not on every upload or poll; dropped whenever the profiles change. */
  private readonly connectableCache = new Map<string, ConnectableProfile>()

  constructor(
    private readonly settings: SettingsBackend,
    private readonly secrets: SecretBox,
    private readonly sandbox: SandboxAddress,
  ) {}

  list(): ProfileView[] {
    const active = this.activeId()
    return [this.sandboxView(active), ...this.stored().map((p) => this.view(p, active))]
  }

  get(id: string): ProfileView {
    const found = this.list().find((p) => p.id === id)
    if (!found) throw notFound(id)
    return found
  }

  activeId(): string {
    const id = this.settings.get(ACTIVE_KEY)
    if (typeof id === 'string' && (id === SANDBOX_PROFILE_ID || this.stored().some((p) => p.id === id))) return id
    return SANDBOX_PROFILE_ID
  }

  setActive(id: string): ProfileView {
    this.get(id)
    this.settings.set(ACTIVE_KEY, id)
    return this.get(id)
  }

  save(input: z.output<typeof ProfileInput>): ProfileView {
    if (input.id === SANDBOX_PROFILE_ID) {
      throw new AppError({ code: 'invalid_input', message: 'The Sandbox profile is built in and cannot be edited.', hint: 'Add a new profile for a real org.' })
    }
    const all = this.stored()
    const existing = input.id ? all.find((p) => p.id === input.id) : undefined
    if (input.id && !existing) throw notFound(input.id)
    if (!existing && !input.clientSecret) {
      throw new AppError({ code: 'invalid_input', message: 'clientSecret: A client secret is required for a new profile.', hint: 'Paste the OAuth client secret from Genesys Cloud Admin > OAuth.' })
    }
    const duplicate = all.find((p) => p.name.toLowerCase() === input.name.toLowerCase() && p.id !== existing?.id)
    if (duplicate || input.name.toLowerCase() === 'sandbox org') {
      throw new AppError({ code: 'invalid_input', message: `name: A profile named "${input.name}" already exists.`, hint: 'Choose a different name.' })
    }
    const next: StoredProfile = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      region: input.region,
      clientId: input.clientId,
      sealedSecret: input.clientSecret ? this.secrets.seal(input.clientSecret) : existing?.sealedSecret,
      gatewayUrl: input.gatewayUrl,
    }
    this.settings.set(PROFILES_KEY, existing ? all.map((p) => (p.id === next.id ? next : p)) : [...all, next])
    this.connectableCache.delete(next.id)
    return this.get(next.id)
  }

  remove(id: string): void {
    if (id === SANDBOX_PROFILE_ID) {
      throw new AppError({ code: 'invalid_input', message: 'The Sandbox profile is built in and cannot be removed.', hint: 'Remove only profiles you added.' })
    }
    const all = this.stored()
    if (!all.some((p) => p.id === id)) throw notFound(id)
    this.settings.set(PROFILES_KEY, all.filter((p) => p.id !== id))
    this.connectableCache.delete(id)
    if (this.settings.get(ACTIVE_KEY) === id) this.settings.set(ACTIVE_KEY, SANDBOX_PROFILE_ID)
  }

  connectable(id: string): ConnectableProfile {
    const cached = this.connectableCache.get(id)
    if (cached) return cached
    const profile = this.readConnectable(id)
    this.connectableCache.set(id, profile)
    return profile
  }

  private readConnectable(id: string): ConnectableProfile {
    if (id === SANDBOX_PROFILE_ID) {
      return { id, name: 'Sandbox org', region: 'sandbox', apiBase: this.sandbox.url, loginBase: this.sandbox.url, clientId: this.sandbox.clientId, clientSecret: this.sandbox.clientSecret }
    }
    const stored = this.stored().find((p) => p.id === id)
    if (!stored) throw notFound(id)
    const { apiBase, loginBase } = hostsOf(stored)
    return {
      id,
      name: stored.name,
      region: stored.region,
      apiBase,
      loginBase,
      clientId: stored.clientId,
      clientSecret: stored.sealedSecret ? this.openSecret(stored) : undefined,
    }
  }

  private openSecret(stored: StoredProfile): string {
    try {
      return this.secrets.open(stored.sealedSecret as string)
    } catch (error) {
      throw new AppError({
        code: 'settings',
        message: `The stored client secret of "${stored.name}" cannot be decrypted: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Edit the profile and enter the client secret again.',
      })
    }
  }

  private stored(): StoredProfile[] {
    const raw = this.settings.get(PROFILES_KEY)
    if (raw === undefined) return []
    const parsed = z.array(StoredProfile).safeParse(raw)
    if (!parsed.success) {
      throw new AppError({
        code: 'settings',
        message: `The saved profiles in ${this.settings.path} are not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`,
        hint: 'Fix or remove the "profiles" entry in that file, or restore a backup.',
      })
    }
    return parsed.data
  }

  private view(p: StoredProfile, active: string): ProfileView {
    return { id: p.id, name: p.name, region: p.region, apiBase: hostsOf(p).apiBase, gatewayUrl: p.gatewayUrl, clientId: p.clientId, hasSecret: Boolean(p.sealedSecret), isSandbox: false, active: p.id === active }
  }

  private sandboxView(active: string): ProfileView {
    return { id: SANDBOX_PROFILE_ID, name: 'Sandbox org', region: 'sandbox', apiBase: this.sandbox.url, clientId: this.sandbox.clientId, hasSecret: true, isSandbox: true, active: active === SANDBOX_PROFILE_ID }
  }
}

function hostsOf(p: StoredProfile): { apiBase: string; loginBase: string } {
  if (p.gatewayUrl) return { apiBase: p.gatewayUrl, loginBase: p.gatewayUrl }
  const domain = regionDomain(p.region)
  return { apiBase: `https://api.${domain}`, loginBase: `https://login.${domain}` }
}

function notFound(id: string): AppError {
  return new AppError({ code: 'not_found', message: `No profile with id ${id}.`, hint: 'It may have been removed in another window; reload the list.' })
}
