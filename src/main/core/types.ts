import type { AppEvent, Handlers, SecretStorageStatus, SignalName, SignalPayload } from '../../shared/api'
import type { FileFilter } from '../../shared/contract/dialogs'
import type { BackoffOptions } from './genesys'

/** Seals secrets at rest. Electron: safeStorage; plain Node: a clearly-labelled unencrypted box. */
export interface SecretBox {
  status(): SecretStorageStatus
  seal(plain: string): string
  open(sealed: string): string
}

/** What a shell may check of the audit key (audit/auditSigning.ts AuditKeyLoad) before the log is opened. */
export interface AuditKeyStatus {
  /** Present when this process can sign the head. */
  signer?: object
  keychainSealed: boolean
  problem?: string
}

/** Persistent key-value settings (electron-store in Electron, conf in plain Node: same API). */
export interface SettingsBackend {
  get(key: string): unknown
  set(key: string, value: unknown): void
  readonly path: string
}

export interface SandboxAddress {
  url: string
  clientId: string
  clientSecret: string
}

/** What the shell's native dialog is asked for: a folder to write into, or a file to save as. */
export interface PickPathRequest {
  kind: 'folder' | 'saveFile'
  title: string
  /** A full path (already ~-expanded) or absent. */
  defaultPath?: string
  /** saveFile only. */
  filters?: FileFilter[]
}

export interface CoreDeps {
  dataDir: string
  shell: 'electron' | 'web'
  version: string
  secretBox: SecretBox
  /** The in-process Sandbox org the built-in profile talks to. */
  sandbox: SandboxAddress
  /** Sees the audit key before anything is written to the log; throwing refuses to open (the command line, see cli/keychainGuard.ts). */
  acceptAuditKey?: (key: AuditKeyStatus) => void
  /** Optional: a settings backend chosen by the shell; default is conf in dataDir. */
  openSettings?: (dir: string) => SettingsBackend
  now?: () => Date
  /** Opens an already-validated https URL in the OS browser; absent in the web shell. */
  openExternal?: (url: string) => Promise<void>
  /** Opens the OS file manager with this file or folder selected; absent in the web shell. */
  showItemInFolder?: (path: string) => Promise<void> | void
  /** Shows a native folder or save-file dialog; resolves undefined when the admin cancels. Absent in the web shell. */
  pickPath?: (request: PickPathRequest) => Promise<string | undefined>
  /** Tests and benchmarks only: presign lifetime, backoff, a hook before each PUT. */
  uploadTuning?: UploadTuning
  /** Tests only: how long after a prompt upload the first transcoding poll waits (default about 1 s). */
  promptTuning?: { firstPollMs?: number }
  /** An app event whose payload fails its schema: 'throw' (default under vitest) or 'drop' and audit it (default). */
  invalidAppEvents?: 'throw' | 'drop'
}

/** Knobs for tests and benchmarks; the app uses the defaults. Declared here, not in uploads/, so the generic deps know no workflow. */
export interface UploadTuning {
  signedUrlTimeoutSeconds?: number
  backoff?: BackoffOptions
  beforePut?: (jobId: string) => Promise<void>
}

export interface Core {
  handlers: Handlers
  /** UI signals, for the shells to forward to screens. */
  on<S extends SignalName>(signal: S, listener: (payload: SignalPayload<S>) => void): () => void
  /** App events, already recorded in the audit log: what event delivery sends outside. */
  onAppEvent(listener: (event: AppEvent) => void): () => void
  /** Where the web shell copies dropped files (in the data folder); the uploads workflow deletes them. */
  stagingDir: string
  /** Jobs that would be interrupted by quitting now. */
  runningJobs(): number
  close(): Promise<void>
}
