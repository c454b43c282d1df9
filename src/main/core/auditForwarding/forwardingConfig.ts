/** The stored destination (settings) and its secrets (sealed like client secrets), and the checks a save passes. */
import { z } from 'zod'
import { AuditForwardingConfigInput, FORWARDING_KINDS, type AuditForwardingConfigView } from '../../../shared/contract/auditForwarding'
import { AppError } from '../../../shared/errors'
import type { SettingsSlice, WorkflowSecrets } from '../kit'
import { isLoopbackHost } from '../net/outboundAgents'
import type { HecTarget } from './hecSender'
import type { SyslogTarget } from './syslogSender'

export const FORWARDING_SETTINGS_KEY = 'auditForwarding'
export const HEC_TOKEN_SECRET = 'hecToken'
export const CLIENT_KEY_SECRET = 'clientKey'

export const StoredConfigSchema = z.object({
  kind: z.enum(FORWARDING_KINDS),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  caCert: z.string(),
  clientCert: z.string(),
  hecUrl: z.string(),
  paused: z.boolean(),
})
export type StoredConfig = z.infer<typeof StoredConfigSchema>

export const STORED_DEFAULTS: StoredConfig = { kind: 'off', host: '', port: 6514, caCert: '', clientCert: '', hecUrl: '', paused: false }

export type Destination = { kind: 'syslog'; id: string; target: SyslogTarget } | { kind: 'hec'; id: string; target: HecTarget }

export function configView(stored: StoredConfig, secrets: WorkflowSecrets): AuditForwardingConfigView {
  return { ...stored, hasClientKey: secrets.has(CLIENT_KEY_SECRET), hasHecToken: secrets.has(HEC_TOKEN_SECRET) }
}

function invalid(message: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message, hint })
}

/** Checks the input, stores secrets (omitted: kept; '': removed) and the rest; answers with the stored config. */
export function saveConfig(
  slice: SettingsSlice<StoredConfig>,
  secrets: WorkflowSecrets,
  raw: z.input<typeof AuditForwardingConfigInput>,
): StoredConfig {
  const input = AuditForwardingConfigInput.parse(raw)
  if (input.kind === 'syslog' && !input.host)
    throw invalid('A syslog receiver needs a host.', 'Enter the host name or IP address of the syslog receiver.')
  if (input.kind === 'hec') checkHecUrl(input.hecUrl)
  const hasToken = input.hecToken === undefined ? secrets.has(HEC_TOKEN_SECRET) : input.hecToken !== ''
  if (input.kind === 'hec' && !hasToken) throw invalid('Splunk HEC needs a token.', 'Paste the HEC token from Splunk.')
  if (input.clientCert && !(input.clientKey === undefined ? secrets.has(CLIENT_KEY_SECRET) : input.clientKey !== ''))
    throw invalid(
      'A client certificate needs its private key.',
      'Paste the PEM private key of the client certificate, or remove the certificate.',
    )
  if (input.hecToken !== undefined) {
    if (input.hecToken) secrets.seal(HEC_TOKEN_SECRET, input.hecToken)
    else secrets.remove(HEC_TOKEN_SECRET)
  }
  if (input.clientKey !== undefined) {
    if (input.clientKey) secrets.seal(CLIENT_KEY_SECRET, input.clientKey)
    else secrets.remove(CLIENT_KEY_SECRET)
  }
  return slice.set({
    kind: input.kind,
    host: input.host,
    port: input.port,
    caCert: input.caCert,
    clientCert: input.clientCert,
    hecUrl: input.hecUrl,
  })
}

function checkHecUrl(value: string): void {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid('The HEC URL is not a valid address.', 'Enter the base URL, e.g. https://splunk.example.com:8088')
  }
  if (url.username || url.password) throw invalid('The HEC URL must not carry a user name or password.', 'The token goes in its own field.')
  if (url.protocol === 'https:') return
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return
  throw invalid('The HEC URL must use https (plain http only to this machine).', 'Use https://…:8088; Splunk HEC has TLS on by default.')
}

/** Where the stored config sends entries, or undefined when forwarding is off. */
export function destinationOf(stored: StoredConfig, secrets: WorkflowSecrets): Destination | undefined {
  if (stored.kind === 'syslog' && stored.host) {
    const target: SyslogTarget = {
      host: stored.host,
      port: stored.port,
      ca: stored.caCert,
      clientCert: stored.clientCert,
      clientKey: stored.clientCert ? (secrets.open(CLIENT_KEY_SECRET) ?? '') : '',
    }
    return { kind: 'syslog', id: `syslog://${stored.host}:${stored.port}`, target }
  }
  if (stored.kind === 'hec' && stored.hecUrl) {
    const token = secrets.open(HEC_TOKEN_SECRET)
    if (token) return { kind: 'hec', id: `hec:${stored.hecUrl.replace(/\/+$/, '')}`, target: { url: stored.hecUrl, token } }
  }
  return undefined
}
