/** The profile form's values, validation and error mapping: pure, so it is unit-tested in Node. */
import { ProfileInput, type ProfileView } from '../../../../shared/api'
import type { AppError } from '../../../../shared/errors'
import { profileHosts, tokenOriginOf } from '../../../../shared/profileHosts'
import { REGION_IDS, type RegionId } from '../../../../shared/regions'

export interface ProfileFormValues {
  id?: string
  name: string
  region: string
  clientId: string
  clientSecret: string
  /** Advanced: empty means "the region's own hosts". */
  gatewayUrl: string
}

export const PROFILE_FIELDS = ['name', 'region', 'clientId', 'clientSecret', 'gatewayUrl'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]
export type FieldErrors = Partial<Record<ProfileField, string>>

export function emptyProfileForm(): ProfileFormValues {
  return { name: '', region: '', clientId: '', clientSecret: '', gatewayUrl: '' }
}

/** Editing starts from the stored profile; the secret field starts empty (empty keeps the stored one). */
export function formFromProfile(profile: ProfileView): ProfileFormValues {
  return {
    id: profile.id,
    name: profile.name,
    region: profile.region,
    clientId: profile.clientId,
    clientSecret: '',
    gatewayUrl: profile.gatewayUrl ?? '',
  }
}

/**
 * The core keeps a stored secret only for the client id and token host it was entered for. When these
 * edits change either, says so in the form's words (and the form asks for the secret); else undefined.
 */
export function secretReentryMessage(editing: ProfileView | undefined, values: ProfileFormValues): string | undefined {
  if (!editing?.hasSecret || editing.isSandbox || editing.region === 'sandbox') return undefined
  const gatewayBefore = editing.gatewayUrl ? tokenOriginOf(editing.gatewayUrl) : ''
  const gatewayAfter = values.gatewayUrl.trim() ? tokenOriginOf(values.gatewayUrl.trim()) : ''
  const originBefore = tokenOriginOf(profileHosts({ region: editing.region, gatewayUrl: editing.gatewayUrl }).loginBase)
  const originAfter =
    gatewayAfter || (isRegion(values.region) ? tokenOriginOf(profileHosts({ region: values.region }).loginBase) : values.region)
  const changed: string[] = []
  if (originAfter !== originBefore) {
    if (!gatewayAfter && values.region !== editing.region) changed.push('region')
    if (gatewayAfter !== gatewayBefore) changed.push('gateway URL')
  }
  if (values.clientId.trim() !== editing.clientId) changed.push('client id')
  if (changed.length === 0) return undefined
  return `Changing the ${changed.join(' and ')} needs the client secret again: the stored one is only sent to ${hostOf(originBefore)}.`
}

function isRegion(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value)
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host
  } catch {
    return origin
  }
}

/** What the Connections screen says after a save; a save made elsewhere may have dropped the secret. */
export function savedProfileMessage(saved: ProfileView): string {
  if (!saved.secretDropped) return `Saved profile “${saved.name}”.`
  return `Saved profile “${saved.name}”. Its stored client secret was removed (${saved.secretDropped}): edit the profile and enter the secret again before connecting.`
}

function isField(key: unknown): key is ProfileField {
  return typeof key === 'string' && (PROFILE_FIELDS as readonly string[]).includes(key)
}

/**
 * Checks the form with the contract's own ProfileInput schema. An empty secret is left out (keep the
 * stored one), which is only allowed when editing a profile that already has a secret.
 */
export function validateProfileForm(
  values: ProfileFormValues,
  storedSecret: boolean,
  secretRequired = 'Client secret is required',
): { ok: true; input: ProfileInput } | { ok: false; errors: FieldErrors } {
  const candidate: Record<string, unknown> = { name: values.name, region: values.region, clientId: values.clientId }
  if (values.id) candidate.id = values.id
  if (values.clientSecret !== '') candidate.clientSecret = values.clientSecret
  if (values.gatewayUrl.trim() !== '') candidate.gatewayUrl = values.gatewayUrl
  const parsed = ProfileInput.safeParse(candidate)
  const errors: FieldErrors = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      if (isField(field) && !errors[field]) errors[field] = issue.message
    }
  }
  if (values.clientSecret === '' && !storedSecret) errors.clientSecret = secretRequired
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}

/**
 * Field errors from a server AppError: its details' fieldName, or messages shaped "field: problem; ..."
 * (how a zod failure in the core is worded). Whatever does not name a field stays in the ErrorPanel.
 */
export function fieldErrorsFromAppError(error: Pick<AppError, 'code' | 'message' | 'details'>): FieldErrors {
  const errors: FieldErrors = {}
  if (error.code !== 'invalid_input') return errors
  for (const detail of error.details ?? []) {
    const field = detail.fieldName ?? detail.path
    const message = detail.message ?? detail.errorCode
    if (isField(field) && typeof message === 'string' && !errors[field]) errors[field] = message
  }
  for (const part of error.message.split('; ')) {
    const match = /^([A-Za-z]+): (.+)$/.exec(part)
    if (match && isField(match[1]) && !errors[match[1]]) errors[match[1]] = match[2]
  }
  return errors
}

/** Region choices grouped the way the list reads: Americas, EMEA, Asia Pacific. */
export function regionGroups<T extends { label: string }>(regions: readonly T[]): { group: string; regions: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const region of regions) {
    const group = /^(.+?) \(/.exec(region.label)?.[1] ?? 'Other'
    groups.set(group, [...(groups.get(group) ?? []), region])
  }
  return [...groups].map(([group, list]) => ({ group, regions: list }))
}
