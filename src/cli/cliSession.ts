import { readFileSync } from 'node:fs'
import { createCore, type Core } from '../main/core'
import { invokeMethod } from '../main/core/invoke'
import { createPlainSecretBox } from '../main/core/secrets/plainSecretBox'
import { openConfSettings, settingsFilePath } from '../main/core/settings/openSettings'
import type { SandboxAddress } from '../main/core/types'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSandbox } from '../main/sandbox'
import { SANDBOX_PROFILE_ID, type MethodInput, type MethodName, type MethodResult, type ProfileView } from '../shared/api'
import { AppError } from '../shared/errors'
import { cliSettings, type CliSettings } from './cliSettings'
import { chooseDataFolder } from './dataFolder'
import { ENV_PROFILE_ID, readEnvProfile } from './envProfile'
import { CLI_VERSION } from './version'

export interface SessionOptions {
  data?: string
  profile?: string
  /** The command works on an org: start the in-process Sandbox org when the chosen profile is the Sandbox one. */
  org?: boolean
}

export interface CliSession {
  core: Core
  dataDir: string
  /** The same path as IPC and the web shell: the method's zod schema, then its handler. Throws the AppError. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>
  /** The profile this run works with (--profile, else the environment's, else the app's active one). */
  useProfile(): Promise<ProfileView>
  close(): Promise<void>
}

/** Opens the app's core on the shared data folder, as the app and the web shell do. */
export async function openSession(options: SessionOptions): Promise<CliSession> {
  const dataDir = chooseDataFolder(options.data)
  const env = readEnvProfile()
  const secretBox = createPlainSecretBox()
  // The in-process Sandbox org starts only when this run works on it (its address must be known before the core starts).
  const sandbox = options.org && usesSandbox(dataDir, options.profile, env !== undefined) ? await startSandbox({ port: 0 }) : undefined
  const sandboxAddress: SandboxAddress = {
    url: sandbox?.url ?? 'http://127.0.0.1:9',
    clientId: sandbox?.clientId ?? DEMO_CLIENT_ID,
    clientSecret: sandbox?.clientSecret ?? DEMO_CLIENT_SECRET,
  }
  let settings: CliSettings | undefined
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: CLI_VERSION,
    secretBox,
    sandbox: sandboxAddress,
    openSettings: (dir) => {
      settings = cliSettings(openConfSettings(dir), secretBox, env)
      return settings.backend
    },
  })
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
    const answer = await invokeMethod(core.handlers, method, input)
    if (!answer.ok) throw AppError.fromData(answer.error)
    return answer.value as MethodResult<M>
  }
  let chosen: ProfileView | undefined
  return {
    core,
    dataDir,
    call,
    async useProfile() {
      if (chosen) return chosen
      const profiles = await call('profiles.list', {})
      const wanted = options.profile ?? (env ? ENV_PROFILE_ID : undefined)
      const found = wanted ? findProfile(profiles, wanted) : profiles.find((p) => p.active)
      if (!found) {
        throw new AppError({
          code: 'invalid_input',
          message:
            wanted === ENV_PROFILE_ID
              ? 'No profile in the environment: GENESYSCLOUD_REGION, GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET are not set.'
              : `No profile named "${wanted}".`,
          hint: 'See `switchboard profiles list`, or set the GENESYSCLOUD_* variables.',
        })
      }
      settings?.useProfile(found.id)
      chosen = { ...found, active: true }
      return chosen
    },
    async close() {
      await core.close()
      await sandbox?.close()
    },
  }
}

/** --profile sandbox, or no --profile and no environment profile while the app's active profile is the Sandbox org. */
function usesSandbox(dataDir: string, profile: string | undefined, fromEnv: boolean): boolean {
  if (profile) return ['sandbox', 'sandbox org'].includes(profile.toLowerCase())
  if (fromEnv) return false
  try {
    const active = (JSON.parse(readFileSync(settingsFilePath(dataDir), 'utf8')) as { activeProfileId?: unknown }).activeProfileId
    return active === undefined || active === SANDBOX_PROFILE_ID
  } catch {
    return true
  }
}

function findProfile(profiles: ProfileView[], wanted: string): ProfileView | undefined {
  const lower = wanted.toLowerCase()
  return profiles.find((p) => p.id === wanted) ?? profiles.find((p) => p.name.toLowerCase() === lower)
}
