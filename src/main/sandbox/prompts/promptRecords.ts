/** What the sandbox keeps about a user prompt and its language resources; promptView.ts turns them into the platform's models. */

export type SandboxUploadStatus = 'created' | 'uploaded' | 'transcoded' | 'transcodeFailed'

/** The audio a resource holds: the `file` part of its last accepted upload, stored on disk as it arrived. */
export interface SandboxPromptAudio {
  path: string
  /** The multipart part's name (always `file` for an accepted upload). */
  fieldName: string
  fileName?: string
  /** The part's Content-Type; the multipart parser reads a part without one as text/plain. */
  contentType: string
  size: number
  sha256: string
}

export interface SandboxPromptResourceRecord {
  id: string
  promptId: string
  /** Lower case, e.g. en-us. */
  language: string
  ttsString?: string
  text?: string
  tags?: Record<string, string[]>
  uploadStatus: SandboxUploadStatus
  durationSeconds?: number
  audio?: SandboxPromptAudio
  /** Counts accepted uploads: a transcode scheduled for an older upload is dropped, and media links name it. */
  generation: number
  createdAt: number
}

export interface SandboxPromptRecord {
  id: string
  name: string
  description?: string
  createdAt: number
  /** By language, in the order they were added (the first is the prompt's default language). */
  resources: Map<string, SandboxPromptResourceRecord>
  /** Set by tests: uploads from now on end in transcodeFailed, whatever the audio. */
  failTranscode: boolean
}
