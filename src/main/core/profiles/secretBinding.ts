import { z } from 'zod'
import type { SecretDropReason } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import type { SecretBox } from '../types'

/** What a stored client secret was entered for: it is only ever sent with this client id to this origin. */
export interface SecretBinding {
  clientId: string
  /** scheme://host[:port] of the token endpoint (tokenOriginOf the login base). */
  tokenOrigin: string
}

export interface BoundSecret extends SecretBinding {
  secret: string
}

// The binding is sealed together with the secret, so editing the settings file cannot move it elsewhere.
const SealedBoundSecret = z
  .object({ v: z.literal(1), secret: z.string().min(1), clientId: z.string().min(1), tokenOrigin: z.string().min(1) })
  .strict()

export function sealBoundSecret(box: SecretBox, bound: BoundSecret): string {
  return box.seal(JSON.stringify({ v: 1, secret: bound.secret, clientId: bound.clientId, tokenOrigin: bound.tokenOrigin }))
}

/** Throws a plain Error when the sealed value cannot be decrypted or is not a bound secret. */
export function openBoundSecret(box: SecretBox, sealed: string): BoundSecret {
  const plain = box.open(sealed)
  let json: unknown
  try {
    json = JSON.parse(plain)
  } catch {
    throw new Error('the stored value is not a bound secret')
  }
  const parsed = SealedBoundSecret.safeParse(json)
  if (!parsed.success) throw new Error('the stored value is not a bound secret')
  return { secret: parsed.data.secret, clientId: parsed.data.clientId, tokenOrigin: parsed.data.tokenOrigin }
}

/** Why a secret bound to `before` cannot be kept for `after`; undefined when it can. */
export function secretDropReason(before: SecretBinding, after: SecretBinding): SecretDropReason | undefined {
  const clientIdChanged = before.clientId !== after.clientId
  const hostChanged = before.tokenOrigin !== after.tokenOrigin
  if (clientIdChanged && hostChanged) return 'client id and token host changed'
  if (clientIdChanged) return 'client id changed'
  if (hostChanged) return 'token host changed'
  return undefined
}

/**
 * The last check before a profile's secret is handed to a client: it goes only with the client id
 * and to the origin it was entered for, whatever the profile says now.
 */
export function assertSecretBound(profile: { name: string; clientId: string; tokenOrigin: string; binding: SecretBinding }): void {
  const { binding } = profile
  if (binding.tokenOrigin !== profile.tokenOrigin) {
    throw new AppError({
      code: 'secret_not_bound',
      message: `The stored client secret of “${profile.name}” was entered for ${binding.tokenOrigin}; it is not sent to ${profile.tokenOrigin}.`,
      hint: `Edit the profile and enter the client secret again for ${profile.tokenOrigin}.`,
    })
  }
  if (binding.clientId !== profile.clientId) {
    throw new AppError({
      code: 'secret_not_bound',
      message: `The stored client secret of “${profile.name}” was entered for client id ${binding.clientId}; it is not sent with client id ${profile.clientId} (to ${profile.tokenOrigin}).`,
      hint: `Edit the profile and enter the client secret of client id ${profile.clientId} again.`,
    })
  }
}
