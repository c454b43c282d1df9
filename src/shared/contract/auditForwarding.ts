/**
 * Audit forwarding (issue 17): every new audit entry sent, as it is written, to the org's SIEM, over
 * syslog (RFC 5424 over TLS, RFC 5425 framing) or to a Splunk HTTP Event Collector, at least once, from a
 * durable cursor. Settings › Audit forwarding.
 */
import { z } from 'zod'
import { Empty } from './common'
import { method, signal } from './define'

export const FORWARDING_KINDS = ['off', 'syslog', 'hec'] as const
export type ForwardingKind = (typeof FORWARDING_KINDS)[number]

const Pem = z
  .string()
  .trim()
  .max(64 * 1024)
  .refine((v) => v === '' || v.includes('-----BEGIN '), 'Paste the PEM text (it starts with -----BEGIN …)')

/** What the admin saves. Secrets (HEC token, client key) are write-only: omitted keeps the stored one, '' removes it. */
export const AuditForwardingConfigInput = z
  .object({
    kind: z.enum(FORWARDING_KINDS),
    /** syslog receiver */
    host: z
      .string()
      .trim()
      .max(255)
      .regex(/^[A-Za-z0-9.:[\]-]*$/, 'Host: a name or an IP address')
      .default(''),
    port: z.number().int().min(1).max(65535).default(6514),
    /** PEM of the CA that signed the receiver's certificate; empty: the system's trusted CAs. */
    caCert: Pem.default(''),
    /** Optional client certificate (PEM) for receivers that ask for one (mutual TLS). */
    clientCert: Pem.default(''),
    clientKey: Pem.optional(),
    /** Splunk HEC base URL (https, or http on loopback), e.g. https://splunk.example.com:8088 */
    hecUrl: z.string().trim().max(2000).default(''),
    hecToken: z.string().trim().max(200).optional(),
  })
  .strict()
export type AuditForwardingConfigInput = z.input<typeof AuditForwardingConfigInput>

export interface AuditForwardingConfigView {
  kind: ForwardingKind
  host: string
  port: number
  caCert: string
  clientCert: string
  hasClientKey: boolean
  hecUrl: string
  hasHecToken: boolean
  paused: boolean
}

/**
 * off: not configured; catching_up: sending entries written before now; live: everything sent, new
 * entries go as they are written; paused: by the admin; failing: the receiver cannot be reached or refused.
 */
export const FORWARDING_STATES = ['off', 'catching_up', 'live', 'paused', 'failing'] as const
export type ForwardingState = (typeof FORWARDING_STATES)[number]

export interface AuditForwardingStatus {
  state: ForwardingState
  kind: ForwardingKind
  /** The last seq the receiver acknowledged (durable: forwarding resumes after it). */
  cursorSeq: number
  /** The newest seq in the audit log. */
  headSeq: number
  /** Entries not yet acknowledged. */
  backlog: number
  lastAckAt?: string
  /** Entries forwarded since the app started. */
  sentThisRun: number
  lastError?: { message: string; hint: string; at: string }
  nextAttemptAt?: string
  /** Entries that no longer exist anywhere (not live, not in the archive): sent neither now nor later. */
  skipped?: ForwardingSkipped
}

export interface ForwardingSkipped {
  fromSeq: number
  toSeq: number
  /** Why, in words (which file is gone). */
  reason: string
  hint: string
}

export interface AuditForwardingTestResult {
  ok: boolean
  /** What the receiver answered, in words (TLS peer and protocol for syslog; status and body for HEC). */
  answer: string
  latencyMs: number
  status?: number
  error?: { message: string; hint: string }
}

export const auditForwardingMethods = {
  'auditForwarding.config.get': method<typeof Empty, AuditForwardingConfigView>(Empty),
  'auditForwarding.config.set': method<typeof AuditForwardingConfigInput, AuditForwardingConfigView>(AuditForwardingConfigInput),
  'auditForwarding.status': method<typeof Empty, AuditForwardingStatus>(Empty),
  'auditForwarding.pause': method<typeof Empty, AuditForwardingStatus>(Empty),
  'auditForwarding.resume': method<typeof Empty, AuditForwardingStatus>(Empty),
  /** Sends one test message (not an audit entry) to the saved destination now and answers with the receiver's reply. */
  'auditForwarding.sendTest': method<typeof Empty, AuditForwardingTestResult>(Empty),
}

export const auditForwardingSignals = {
  /** The forwarding state, cursor or backlog changed. */
  'auditForwarding.changed': signal<AuditForwardingStatus>(),
}
