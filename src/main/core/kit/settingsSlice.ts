import type { z } from 'zod'
import type { Notice } from '../../../shared/api'
import { toAppError } from '../../../shared/errors'
import type { SettingsBackend } from '../types'

/** One workflow's part of the settings file, validated on every read and write. */
export interface SettingsSlice<T> {
  /** The stored values; a missing or invalid field reads as its default (and the first invalid read raises a notice). */
  get(): T
  /** Merges the patch into the current values; an invalid result throws AppError invalid_input and stores nothing. */
  set(patch: Partial<T>): T
}

export interface SettingsSliceOptions<T> {
  /** Applied to every valid value before it is stored (e.g. dropping duplicates). */
  normalize?: (value: T) => T
  /** Told once per slice when the stored value had fields that could not be used. */
  onInvalid?: (notice: Notice) => void
}

/**
 * A settings slice under `key`. Reading falls back field by field: one hand-edited bad field does not
 * throw away the others, and the app still starts; the admin is told once which fields were reset.
 */
export function settingsSlice<S extends z.ZodObject>(
  settings: SettingsBackend,
  key: string,
  schema: S,
  defaults: z.output<S>,
  options: SettingsSliceOptions<z.output<S>> = {},
): SettingsSlice<z.output<S>> {
  type T = z.output<S>
  let reported = false
  const fresh = (): T => structuredClone(defaults)

  const get = (): T => {
    const stored = settings.get(key)
    if (stored === undefined) return fresh()
    const raw = isRecord(stored) ? stored : {}
    const value = fresh() as Record<string, unknown>
    const unusable: string[] = isRecord(stored) ? [] : ['(the whole value)']
    for (const field of Object.keys(schema.shape)) {
      if (raw[field] === undefined) continue
      const parsed = (schema.shape[field] as z.ZodType).safeParse(raw[field])
      if (parsed.success) value[field] = parsed.data
      else unusable.push(field)
    }
    if (unusable.length > 0 && !reported) {
      reported = true
      options.onInvalid?.({
        id: `settings-invalid-${key}`,
        level: 'warning',
        message: `Some saved settings in “${key}” could not be used (${unusable.join(', ')}); their defaults apply.`,
        hint: 'Open the settings of that screen and save them again to store valid values.',
      })
    }
    return value as T
  }

  const set = (patch: Partial<T>): T => {
    const parsed = schema.safeParse({ ...get(), ...patch })
    if (!parsed.success) throw toAppError(parsed.error)
    const value = options.normalize ? options.normalize(parsed.data as T) : (parsed.data as T)
    settings.set(key, value)
    return value
  }

  return { get, set }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
