import { isAllowedGateway } from '../shared/api'
import { AppError } from '../shared/errors'
import { tokenOriginOf, profileHosts } from '../shared/profileHosts'
import { REGIONS, type RegionId } from '../shared/regions'

/** The id and name the profile from the environment goes by (`--profile env`). */
export const ENV_PROFILE_ID = 'env'
export const ENV_PROFILE_NAME = 'Environment (GENESYSCLOUD_*)'

/** The variables the Genesys Cloud CLI `gc` reads, plus our gateway for a local sandbox or a corporate gateway. */
export const ENV_VARS = {
  region: 'GENESYSCLOUD_REGION',
  clientId: 'GENESYSCLOUD_OAUTHCLIENT_ID',
  clientSecret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
  gateway: 'SWITCHBOARD_GATEWAY_URL',
} as const

/** A profile that lives only in this process: its secret is never written (settings, audit, job journal). */
export interface EnvProfile {
  region: RegionId
  clientId: string
  clientSecret: string
  gatewayUrl?: string
  tokenOrigin: string
}

/** Undefined when none of the three variables is set; a usage error when only some are, or a value is wrong. */
export function readEnvProfile(env: NodeJS.ProcessEnv = process.env): EnvProfile | undefined {
  const region = env[ENV_VARS.region]?.trim()
  const clientId = env[ENV_VARS.clientId]?.trim()
  const clientSecret = env[ENV_VARS.clientSecret]
  if (!region && !clientId && !clientSecret) return undefined
  const missing = [
    [ENV_VARS.region, region],
    [ENV_VARS.clientId, clientId],
    [ENV_VARS.clientSecret, clientSecret],
  ]
    .filter(([, v]) => !v)
    .map(([name]) => name)
  if (missing.length > 0 || !region || !clientId || !clientSecret) {
    throw usage(`The profile from the environment needs ${missing.join(' and ')} too.`, 'Set all three GENESYSCLOUD_* variables, or none.')
  }
  const regionId = regionFrom(region)
  if (!regionId) {
    throw usage(
      `${ENV_VARS.region}="${region.slice(0, 100)}" is not a Genesys Cloud region.`,
      `Use a region id (us-east-1, eu-west-1, ...) or its domain (mypurecloud.com, mypurecloud.ie, ...).`,
    )
  }
  if (!/^[A-Za-z0-9-]{8,100}$/.test(clientId)) throw usage(`${ENV_VARS.clientId} is not an OAuth client id.`, 'Copy it from Admin > OAuth.')
  const gateway = env[ENV_VARS.gateway]?.trim().replace(/\/+$/, '')
  if (gateway && !isAllowedGateway(gateway)) {
    throw usage(`${ENV_VARS.gateway} must be https://…, or http://127.0.0.1:PORT for a local sandbox.`, 'Fix or unset it.')
  }
  const gatewayUrl = gateway || undefined
  return {
    region: regionId,
    clientId,
    clientSecret,
    gatewayUrl,
    tokenOrigin: tokenOriginOf(profileHosts({ region: regionId, gatewayUrl }).loginBase),
  }
}

/** A region id, or a region's domain as `gc` also accepts it (mypurecloud.com, api.mypurecloud.ie). */
function regionFrom(value: string): RegionId | undefined {
  const lower = value.toLowerCase().replace(/^(api|login)\./, '')
  return REGIONS.find((r) => r.id === lower || r.domain === lower)?.id
}

function usage(message: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message, hint })
}
