import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import { assertCliBuilt } from './cliProcess'

export interface CliWorkspace {
  readonly sandbox: Sandbox
  /** A scratch folder for data folders, dropped files and outputs; removed after the file's tests. */
  readonly work: string
}

/** For a CLI test file: the built CLI checked, one Sandbox and one scratch folder, made before its tests and gone after. */
export function cliWorkspace(prefix: string, options: SandboxOptions = {}): CliWorkspace {
  const state = {} as { sandbox: Sandbox; work: string }
  beforeAll(async () => {
    assertCliBuilt()
    state.sandbox = await startSandbox({ port: 0, ...options })
    state.work = await mkdtemp(join(tmpdir(), prefix))
  })
  afterAll(async () => {
    await state.sandbox?.close()
    if (state.work) await rm(state.work, { recursive: true, force: true })
  })
  return state
}
