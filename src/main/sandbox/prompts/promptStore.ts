/**
 * The sandbox org's user prompts and their language resources (seeded, see promptSeeds.ts). Uploaded
 * audio lives in `<dataDir>/prompts/`; after an accepted upload the resource is `uploaded`, and
 * `transcodeMs` later (real timers, as the platform's transcoder is not on the sandbox clock)
 * `transcoded` or `transcodeFailed`.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { uuidFrom } from '../organization'
import type { SandboxPromptAudio, SandboxPromptRecord, SandboxPromptResourceRecord } from './promptRecords'
import { PROMPT_SEED_SPECS, SANDBOX_PROMPT_SEEDS, seedWav } from './promptSeeds'
import { analyseWav, type WavAnalysis } from './wavCheck'

export interface NewPrompt {
  name: string
  description?: string
}

export interface ResourceFields {
  ttsString?: string
  text?: string
  tags?: Record<string, string[]>
}

export class PromptStore {
  private readonly byId = new Map<string, SandboxPromptRecord>()
  private readonly timers = new Set<NodeJS.Timeout>()
  readonly dir: string

  constructor(
    dataDir: string,
    private readonly now: () => number,
    private readonly transcodeMs: () => number,
  ) {
    this.dir = join(dataDir, 'prompts')
  }

  /** Creates the audio folder and the seeded prompts with their stored audio. */
  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    for (const spec of PROMPT_SEED_SPECS) {
      const prompt = this.insert({ id: SANDBOX_PROMPT_SEEDS[spec.name], name: spec.name, description: spec.description })
      for (const seed of spec.resources) {
        const resource = this.insertResource(
          prompt,
          seed.language,
          { ttsString: seed.ttsString },
          uuidFrom(`${prompt.id}:${seed.language}`),
        )
        const bytes = seedWav(seed.audio)
        const path = this.audioPath(resource)
        await writeFile(path, bytes)
        resource.generation = 1
        resource.audio = {
          path,
          fieldName: 'file',
          fileName: `${spec.name}.${seed.language}.wav`,
          contentType: 'audio/wav',
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        }
        this.finishTranscode(resource, await analyseWav(path), false)
      }
    }
  }

  /** Every prompt, by name (case-insensitive). */
  list(): SandboxPromptRecord[] {
    return [...this.byId.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id))
  }

  prompt(id: string): SandboxPromptRecord | undefined {
    return this.byId.get(id)
  }

  /** The prompt of that name, compared case-insensitively as the platform does. */
  byName(name: string): SandboxPromptRecord | undefined {
    const wanted = name.toLowerCase()
    return [...this.byId.values()].find((prompt) => prompt.name.toLowerCase() === wanted)
  }

  /** The new prompt, or 'exists' when one has the name already. */
  create(input: NewPrompt): SandboxPromptRecord | 'exists' {
    if (this.byName(input.name)) return 'exists'
    return this.insert({ id: randomUUID(), ...input })
  }

  async delete(id: string): Promise<boolean> {
    const prompt = this.byId.get(id)
    if (!prompt) return false
    this.byId.delete(id)
    await Promise.all([...prompt.resources.values()].map((resource) => this.dropAudio(resource)))
    return true
  }

  resource(promptId: string, language: string): SandboxPromptResourceRecord | undefined {
    return this.byId.get(promptId)?.resources.get(language.toLowerCase())
  }

  /** The new resource (status `created`), or 'exists' when the prompt has that language already. */
  addResource(prompt: SandboxPromptRecord, language: string, fields: ResourceFields): SandboxPromptResourceRecord | 'exists' {
    if (prompt.resources.has(language.toLowerCase())) return 'exists'
    return this.insertResource(prompt, language, fields, randomUUID())
  }

  updateResource(resource: SandboxPromptResourceRecord, fields: ResourceFields): void {
    if (fields.ttsString !== undefined) resource.ttsString = fields.ttsString
    if (fields.text !== undefined) resource.text = fields.text
    if (fields.tags !== undefined) resource.tags = fields.tags
  }

  async deleteResource(prompt: SandboxPromptRecord, language: string): Promise<boolean> {
    const resource = prompt.resources.get(language.toLowerCase())
    if (!resource) return false
    prompt.resources.delete(resource.language)
    await this.dropAudio(resource)
    return true
  }

  /** Where an upload's file part is written while it arrives (created new; renamed once accepted). */
  partialPath(): string {
    return join(this.dir, `.partial-${randomUUID()}`)
  }

  /**
   * Keeps the audio received at `partial` as the resource's (replacing any before): `uploaded` now,
   * then after the transcode delay `transcoded` or `transcodeFailed`. False when the resource is gone.
   */
  async acceptUpload(promptId: string, language: string, partial: string, audio: Omit<SandboxPromptAudio, 'path'>): Promise<boolean> {
    const prompt = this.byId.get(promptId)
    const resource = prompt?.resources.get(language.toLowerCase())
    if (!prompt || !resource) {
      await rm(partial, { force: true })
      return false
    }
    const path = this.audioPath(resource)
    await rename(partial, path)
    const generation = ++resource.generation
    resource.audio = { ...audio, path }
    resource.uploadStatus = 'uploaded'
    delete resource.durationSeconds
    const analysis = await analyseWav(path)
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (resource.generation !== generation || prompt.resources.get(resource.language) !== resource) return
      this.finishTranscode(resource, analysis, prompt.failTranscode)
    }, this.transcodeMs())
    timer.unref()
    this.timers.add(timer)
    return true
  }

  /** Whether uploads to the prompt of that name from now on end in transcodeFailed. */
  setTranscodeFails(name: string, fails: boolean): void {
    const prompt = this.byName(name)
    if (!prompt) throw new Error(`The sandbox has no prompt named ${name}.`)
    prompt.failTranscode = fails
  }

  /** Stops pending transcodes (the sandbox is closing). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private finishTranscode(resource: SandboxPromptResourceRecord, analysis: WavAnalysis, forcedFailure: boolean): void {
    if (analysis.ok && !forcedFailure) {
      resource.uploadStatus = 'transcoded'
      resource.durationSeconds = analysis.durationSeconds
    } else {
      resource.uploadStatus = 'transcodeFailed'
      delete resource.durationSeconds
    }
  }

  private insert(input: NewPrompt & { id: string }): SandboxPromptRecord {
    const prompt: SandboxPromptRecord = {
      id: input.id,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      createdAt: this.now(),
      resources: new Map(),
      failTranscode: false,
    }
    this.byId.set(prompt.id, prompt)
    return prompt
  }

  private insertResource(prompt: SandboxPromptRecord, language: string, fields: ResourceFields, id: string): SandboxPromptResourceRecord {
    const resource: SandboxPromptResourceRecord = {
      id,
      promptId: prompt.id,
      language: language.toLowerCase(),
      uploadStatus: 'created',
      generation: 0,
      createdAt: this.now(),
    }
    this.updateResource(resource, fields)
    prompt.resources.set(resource.language, resource)
    return resource
  }

  private audioPath(resource: SandboxPromptResourceRecord): string {
    return join(this.dir, `${resource.id}.wav`)
  }

  private async dropAudio(resource: SandboxPromptResourceRecord): Promise<void> {
    if (resource.audio) await rm(resource.audio.path, { force: true })
  }
}
