import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { SANDBOX_PROFILE_ID, type ProfileInput, type ProfileRegion, type ProfileView, type SecretDropReason } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import { profileHosts, tokenOriginOf } from '../../../shared/profileHosts'
import { REGION_IDS } from '../../../shared/regions'
import type { SandboxAddress, SecretBox, SettingsBackend } from '../types'
import { openBoundSecret, sealBoundSecret, secretDropReason, type BoundSecret, type SecretBinding } from './secretBinding'

const StoredProfile = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  region: z.enum(REGION_IDS),
  clientId: z.string().min(1),
  /** The secret sealed with the client id and token origin it was entered for (secretBinding.ts). */
  sealedBoundSecret: z.string().optional(),
  /** Before secrets were bound: the secret alone. Migrated to sealedBoundSecret when first read. */
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
  /** With clientSecret: where it may go. The Sandbox profile's is its own address. */
  secretBinding?: SecretBinding
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
      throw new AppError({
        code: 'invalid_input',
        message: 'The Sandbox profile is built in and cannot be edited.',
        hint: 'Add a new profile for a real org.',
      })
    }
    const all = this.stored()
    const existing = input.id ? all.find((p) => p.id === input.id) : undefined
    if (input.id && !existing) throw notFound(input.id)
    if (!existing && !input.clientSecret) {
      throw new AppError({
        code: 'invalid_input',
        message: 'clientSecret: A client secret is required for a new profile.',
        hint: 'Paste the OAuth client secret from Genesys Cloud Admin > OAuth.',
      })
    }
    const duplicate = all.find((p) => p.name.toLowerCase() === input.name.toLowerCase() && p.id !== existing?.id)
    if (duplicate || input.name.toLowerCase() === 'sandbox org') {
      throw new AppError({
        code: 'invalid_input',
        message: `name: A profile named "${input.name}" already exists.`,
        hint: 'Choose a different name.',
      })
    }
    const binding = bindingOf(input)
    const kept = existing && !input.clientSecret ? this.keptSecret(existing, binding) : undefined
    const next: StoredProfile = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      region: input.region,
      clientId: input.clientId,
      sealedBoundSecret: input.clientSecret
        ? sealBoundSecret(this.secrets, { secret: input.clientSecret, ...binding })
        : kept?.sealedBoundSecret,
      sealedSecret: kept?.sealedSecret,
      gatewayUrl: input.gatewayUrl,
    }
    this.settings.set(PROFILES_KEY, existing ? all.map((p) => (p.id === next.id ? next : p)) : [...all, next])
    this.connectableCache.delete(next.id)
    const saved = this.get(next.id)
    return kept?.dropped ? { ...saved, secretDropped: kept.dropped } : saved
  }

  /** Without a new secret, the stored one stays only if the client id and token host it is bound to stay. */
  private keptSecret(
    existing: StoredProfile,
    binding: SecretBinding,
  ): Pick<StoredProfile, 'sealedBoundSecret' | 'sealedSecret'> & { dropped?: SecretDropReason } {
    if (!existing.sealedBoundSecret && !existing.sealedSecret) return {}
    const dropped = secretDropReason(bindingOf(existing), binding)
    if (dropped) return { dropped }
    return { sealedBoundSecret: existing.sealedBoundSecret, sealedSecret: existing.sealedSecret }
  }

  remove(id: string): void {
    if (id === SANDBOX_PROFILE_ID) {
      throw new AppError({
        code: 'invalid_input',
        message: 'The Sandbox profile is built in and cannot be removed.',
        hint: 'Remove only profiles you added.',
      })
    }
    const all = this.stored()
    if (!all.some((p) => p.id === id)) throw notFound(id)
    this.settings.set(
      PROFILES_KEY,
      all.filter((p) => p.id !== id),
    )
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
      const { url, clientId, clientSecret } = this.sandbox
      return {
        id,
        name: 'Sandbox org',
        region: 'sandbox',
        apiBase: url,
        loginBase: url,
        clientId,
        clientSecret,
        secretBinding: { clientId, tokenOrigin: tokenOriginOf(url) },
      }
    }
    const stored = this.stored().find((p) => p.id === id)
    if (!stored) throw notFound(id)
    const { apiBase, loginBase } = profileHosts(stored)
    const bound = this.openSecret(stored)
    return {
      id,
      name: stored.name,
      region: stored.region,
      apiBase,
      loginBase,
      clientId: stored.clientId,
      clientSecret: bound?.secret,
      secretBinding: bound && { clientId: bound.clientId, tokenOrigin: bound.tokenOrigin },
    }
  }

  private openSecret(stored: StoredProfile): BoundSecret | undefined {
    try {
      if (stored.sealedBoundSecret) return openBoundSecret(this.secrets, stored.sealedBoundSecret)
      // Only when the migration could not decrypt it either: this open fails the same way, with words.
      if (stored.sealedSecret) return { secret: this.secrets.open(stored.sealedSecret), ...bindingOf(stored) }
      return undefined
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
    return this.bindUnboundSecrets(parsed.data)
  }

  /**
   * Migration: a secret stored before secrets were bound is bound to the client id and token host its
   * profile has when first read, and written back sealed with them, so later edits cannot carry it away.
   * One that cannot be decrypted stays as it is; using it says so.
   */
  private bindUnboundSecrets(profiles: StoredProfile[]): StoredProfile[] {
    let changed = false
    const migrated = profiles.map((p) => {
      if (!p.sealedSecret) return p
      const { sealedSecret, ...rest } = p
      if (p.sealedBoundSecret) {
        changed = true
        return rest
      }
      let secret: string
      try {
        secret = this.secrets.open(sealedSecret)
      } catch {
        return p
      }
      changed = true
      return { ...rest, sealedBoundSecret: sealBoundSecret(this.secrets, { secret, ...bindingOf(p) }) }
    })
    if (changed) this.settings.set(PROFILES_KEY, migrated)
    return migrated
  }

  private view(p: StoredProfile, active: string): ProfileView {
    return {
      id: p.id,
      name: p.name,
      region: p.region,
      apiBase: profileHosts(p).apiBase,
      gatewayUrl: p.gatewayUrl,
      clientId: p.clientId,
      hasSecret: Boolean(p.sealedBoundSecret ?? p.sealedSecret),
      isSandbox: false,
      active: p.id === active,
    }
  }

  private sandboxView(active: string): ProfileView {
    return {
      id: SANDBOX_PROFILE_ID,
      name: 'Sandbox org',
      region: 'sandbox',
      apiBase: this.sandbox.url,
      clientId: this.sandbox.clientId,
      hasSecret: true,
      isSandbox: true,
      active: active === SANDBOX_PROFILE_ID,
    }
  }
}

/** What a secret entered for this profile, as it is now, is bound to. */
function bindingOf(p: Pick<StoredProfile, 'region' | 'clientId' | 'gatewayUrl'>): SecretBinding {
  return { clientId: p.clientId, tokenOrigin: tokenOriginOf(profileHosts(p).loginBase) }
}

function notFound(id: string): AppError {
  return new AppError({
    code: 'not_found',
    message: `No profile with id ${id}.`,
    hint: 'It may have been removed in another window; reload the list.',
  })
}
