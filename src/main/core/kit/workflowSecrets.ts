import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { SecretBox, SettingsBackend } from '../types'

/** A workflow's own secrets (webhook signing secrets, ...), sealed by the box that seals client secrets. */
export interface WorkflowSecrets {
  /** Seals and stores `plain` under `name`, replacing what was there. */
  seal(name: string, plain: string): void
  /** The secret stored under `name`, or undefined if none is. */
  open(name: string): string | undefined
  has(name: string): boolean
  remove(name: string): void
}

const SecretName = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Secret names: 1 to 100 letters, digits, _ or -')
// The workflow and name are sealed with the secret: a value copied to another name in the settings file does not open there.
const SealedSecret = z.object({ v: z.literal(1), workflow: z.string(), name: z.string(), secret: z.string() }).strict()

/** Settings key of a workflow's sealed secrets: one object per workflow, name -> sealed value. */
export const workflowSecretsKey = (workflow: string): string => `workflowSecrets.${workflow}`

export function createWorkflowSecrets(settings: SettingsBackend, box: SecretBox, workflow: string): WorkflowSecrets {
  SecretName.parse(workflow)
  const key = workflowSecretsKey(workflow)
  const stored = (): Record<string, string> => {
    const raw = settings.get(key)
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {}
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'))
  }
  const checkedName = (name: string): string => {
    const parsed = SecretName.safeParse(name)
    if (!parsed.success)
      throw new AppError({
        code: 'invalid_input',
        message: `Not a valid secret name: “${name.slice(0, 100)}”.`,
        hint: parsed.error.issues[0]?.message ?? '',
      })
    return parsed.data
  }

  return {
    seal(name, plain) {
      checkedName(name)
      if (!plain) throw new AppError({ code: 'invalid_input', message: 'An empty secret cannot be stored.', hint: 'Enter the secret.' })
      settings.set(key, { ...stored(), [name]: box.seal(JSON.stringify({ v: 1, workflow, name, secret: plain })) })
    },
    open(name) {
      checkedName(name)
      const sealed = stored()[name]
      if (sealed === undefined) return undefined
      const unreadable = (why: string) =>
        new AppError({
          code: 'settings',
          message: `The stored secret “${name}” of ${workflow} cannot be read (${why}).`,
          hint: 'Enter the secret again; it is stored anew.',
        })
      let plain: string
      try {
        plain = box.open(sealed)
      } catch (error) {
        throw unreadable(error instanceof Error ? error.message.slice(0, 200) : 'it could not be decrypted')
      }
      let json: unknown
      try {
        json = JSON.parse(plain)
      } catch {
        throw unreadable('it is not a sealed workflow secret')
      }
      const parsed = SealedSecret.safeParse(json)
      if (!parsed.success) throw unreadable('it is not a sealed workflow secret')
      if (parsed.data.workflow !== workflow || parsed.data.name !== name)
        throw unreadable(`it was sealed for “${parsed.data.name}” of ${parsed.data.workflow}`)
      return parsed.data.secret
    },
    has(name) {
      return stored()[checkedName(name)] !== undefined
    },
    remove(name) {
      checkedName(name)
      const rest = stored()
      if (!(name in rest)) return
      delete rest[name]
      settings.set(key, rest)
    },
  }
}
