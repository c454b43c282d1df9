import type { SecretBox, SettingsBackend } from '../main/core/types'
import { sealBoundSecret } from '../main/core/profiles/secretBinding'
import { ENV_PROFILE_ID, ENV_PROFILE_NAME, type EnvProfile } from './envProfile'

// The settings keys the profile store keeps its list and its choice under (core/profiles/profileStore.ts).
const PROFILES_KEY = 'profiles'
const ACTIVE_KEY = 'activeProfileId'

export interface CliSettings {
  backend: SettingsBackend
  /** Use this profile in this process only: the app's own choice in the settings file stays as it is. */
  useProfile(id: string): void
  /** The stored profile's sealed client secret as written (its prefix says which box sealed it). */
  sealedSecretOf(id: string): string | undefined
}

/**
 * The shared settings file seen through this run: the profile from the environment is listed but never
 * written back (its secret exists only in this process), and the profile chosen with --profile is the
 * active one here without changing the app's.
 */
export function cliSettings(inner: SettingsBackend, box: SecretBox, env: EnvProfile | undefined): CliSettings {
  let chosen: string | undefined
  const envStored = env && {
    id: ENV_PROFILE_ID,
    name: ENV_PROFILE_NAME,
    region: env.region,
    clientId: env.clientId,
    gatewayUrl: env.gatewayUrl,
    sealedBoundSecret: sealBoundSecret(box, { secret: env.clientSecret, clientId: env.clientId, tokenOrigin: env.tokenOrigin }),
  }
  const backend: SettingsBackend = {
    path: inner.path,
    get(key) {
      if (key === ACTIVE_KEY && chosen) return chosen
      const value = inner.get(key)
      if (key !== PROFILES_KEY || !envStored) return value
      if (value === undefined) return [envStored]
      return Array.isArray(value) ? [...value.filter((p) => !isEnvProfile(p)), envStored] : value
    },
    set(key, value) {
      if (key === PROFILES_KEY && Array.isArray(value))
        return inner.set(
          key,
          value.filter((p) => !isEnvProfile(p)),
        )
      if (key === ACTIVE_KEY && value === ENV_PROFILE_ID) return
      inner.set(key, value)
    },
  }
  const sealedSecretOf = (id: string): string | undefined => {
    const stored = backend.get(PROFILES_KEY)
    const found = Array.isArray(stored) ? (stored as unknown[]).find((p) => isProfile(p) && p.id === id) : undefined
    if (!isProfile(found)) return undefined
    const sealed = found.sealedBoundSecret ?? found.sealedSecret
    return typeof sealed === 'string' ? sealed : undefined
  }
  return { backend, useProfile: (id) => (chosen = id), sealedSecretOf }
}

function isProfile(value: unknown): value is { id?: unknown; sealedBoundSecret?: unknown; sealedSecret?: unknown } {
  return typeof value === 'object' && value !== null
}

function isEnvProfile(value: unknown): boolean {
  return isProfile(value) && value.id === ENV_PROFILE_ID
}
