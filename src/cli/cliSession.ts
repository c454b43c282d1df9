import { readFileSync } from 'node:fs'
import { createCore, type Core } from '../main/core'
import { invokeMethod } from '../main/core/invoke'
import { openConfSettings, settingsFilePath } from '../main/core/settings/openSettings'
import type { SandboxAddress } from '../main/core/types'
import { isAllowedGateway, SANDBOX_PROFILE_ID, type MethodInput, type MethodName, type MethodResult, type ProfileView } from '../shared/api'
import { AppError } from '../shared/errors'
import { cliSettings, type CliSettings } from './cliSettings'
import type { CliHost } from './cliHost'
import { chooseDataFolder } from './dataFolder'
import { ENV_PROFILE_ID, readEnvProfile } from './envProfile'
import { auditKeyGuard, refuseKeychainProfile } from './keychainGuard'
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

/** Opens the app's core on the shared data folder, as the app and the web shell do, with the host's secret box. */
export async function openSession(options: SessionOptions, host: CliHost): Promise<CliSession> {
  const dataDir = chooseDataFolder(options.data)
  const env = readEnvProfile()
  const secretBox = host.secretBox
  const sandbox = options.org ? await sandboxFor(dataDir, options.profile, env !== undefined) : undefined
  // Unused otherwise: no call goes to the Sandbox profile in this run.
  const sandboxAddress: SandboxAddress = sandbox ?? { url: 'http://127.0.0.1:9', clientId: 'sandbox-not-started', clientSecret: 'unused' }
  let settings: CliSettings | undefined
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: CLI_VERSION,
    secretBox,
    acceptAuditKey: auditKeyGuard(host, dataDir),
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
      refuseKeychainProfile(host, found, settings?.sealedSecretOf(found.id))
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

/**
 * The Sandbox org this run's Sandbox profile talks to: a running one (`npm run sandbox`) named by
 * SWITCHBOARD_SANDBOX_URL, else one started in this process (loaded only then: the simulator is most of
 * the CLI's code). None when the run does not use the Sandbox profile.
 */
async function sandboxFor(
  dataDir: string,
  profile: string | undefined,
  fromEnv: boolean,
): Promise<(SandboxAddress & { close(): Promise<void> }) | undefined> {
  if (!usesSandbox(dataDir, profile, fromEnv)) return undefined
  const { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSandbox } = await import('../main/sandbox')
  const external = process.env.SWITCHBOARD_SANDBOX_URL?.trim().replace(/\/+$/, '')
  if (!external) return startSandbox({ port: 0 })
  if (!isAllowedGateway(external) || !new URL(external).protocol.startsWith('http:')) {
    throw new AppError({
      code: 'invalid_input',
      message: 'SWITCHBOARD_SANDBOX_URL must be http://127.0.0.1:PORT (a sandbox started with `npm run sandbox`).',
      hint: 'Fix or unset it.',
    })
  }
  return { url: external, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, close: async () => undefined }
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
