/**
 * `sandbox.prompts`: what tests and benchmarks see of the org's user prompts. It answers in the platform's
 * models, as the API does (permissions aside), and gives back the audio each upload stored.
 */
import { readFile } from 'node:fs/promises'
import type { SandboxContext } from '../context'
import { promptView, type PromptView } from './promptView'

/** The `file` part of a resource's last accepted upload, byte for byte as the multipart body held it. */
export interface SandboxPromptUpload {
  bytes: Buffer
  fieldName: string
  fileName?: string
  /** The part's Content-Type (text/plain when the part had none, as multipart parsers read it). */
  contentType: string
  sha256: string
}

export interface SandboxPrompts {
  /** Every prompt, by name, as GET /api/v2/architect/prompts lists them. */
  list(): PromptView[]
  get(promptId: string): PromptView | undefined
  /** The prompt of that name (case-insensitive). */
  byName(name: string): PromptView | undefined
  /** What the last accepted upload to the resource held; undefined when none was accepted (or the resource is gone). */
  upload(promptId: string, language: string): Promise<SandboxPromptUpload | undefined>
  /** Makes uploads to the prompt of that name from now on end in transcodeFailed (whatever the audio), or transcode again. */
  failTranscode(name: string, fails?: boolean): void
}

export function sandboxPrompts(ctx: SandboxContext): SandboxPrompts {
  const store = ctx.prompts
  return {
    list: () => store.list().map((prompt) => promptView(ctx, prompt)),
    get: (promptId) => {
      const prompt = store.prompt(promptId)
      return prompt && promptView(ctx, prompt)
    },
    byName: (name) => {
      const prompt = store.byName(name)
      return prompt && promptView(ctx, prompt)
    },
    upload: async (promptId, language) => {
      const audio = store.resource(promptId, language)?.audio
      if (!audio) return undefined
      return {
        bytes: await readFile(audio.path),
        fieldName: audio.fieldName,
        ...(audio.fileName !== undefined ? { fileName: audio.fileName } : {}),
        contentType: audio.contentType,
        sha256: audio.sha256,
      }
    },
    failTranscode: (name, fails = true) => store.setTranscodeFails(name, fails),
  }
}
