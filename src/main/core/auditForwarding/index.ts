/**
 * Audit forwarding (issue 17): every new audit entry sent, as it is written, to the org's SIEM (syslog
 * over TLS, or Splunk HEC), at least once, from a durable cursor. Registered in core/workflows.ts.
 */
import { join } from 'node:path'
import {
  auditForwardingMethods,
  type AuditForwardingStatus,
  type AuditForwardingTestResult,
} from '../../../shared/contract/auditForwarding'
import { toAppError } from '../../../shared/errors'
import { appendAuditEntry, type AuditDetail } from '../audit'
import type { AuditOutcome } from '../../../shared/contract/audit'
import { defineWorkflow } from '../kit'
import { EntryReader } from './entryReader'
import { Forwarder } from './forwarder'
import {
  configView,
  destinationOf,
  FORWARDING_SETTINGS_KEY,
  saveConfig,
  STORED_DEFAULTS,
  StoredConfigSchema,
  type Destination,
} from './forwardingConfig'
import { HecSender } from './hecSender'
import { SyslogSender } from './syslogSender'

export const CURSOR_FILE = 'auditForwarding.cursor.json'

export const auditForwardingWorkflow = defineWorkflow(auditForwardingMethods, (services) => {
  const { audit, secrets } = services
  const slice = services.settingsSlice(FORWARDING_SETTINGS_KEY, StoredConfigSchema, STORED_DEFAULTS)
  const cursorPath = join(services.dataDir, CURSOR_FILE)
  const reader = new EntryReader(audit.dir)
  let forwarder: Forwarder | undefined
  let head = 0

  const record = (action: string, outcome: AuditOutcome, detail: AuditDetail) =>
    appendAuditEntry(audit, services.systemScope, action, 'audit forwarding', outcome, detail)
  const headSeq = async () => (await audit.tail(1))[0]?.seq ?? 0
  const offStatus = (): AuditForwardingStatus => ({ state: 'off', kind: 'off', cursorSeq: 0, headSeq: head, backlog: 0, sentThisRun: 0 })
  const status = () => forwarder?.status() ?? offStatus()
  const emit = (s: AuditForwardingStatus) => services.events.emit('auditForwarding.changed', s)

  const senderFor = (destination: Destination) =>
    destination.kind === 'syslog' ? new SyslogSender(destination.target) : new HecSender(destination.target)

  /** Stops the current forwarder and starts one for the stored config (none when off). */
  const restart = async (startAfter?: number) => {
    await forwarder?.close()
    forwarder = undefined
    reader.close()
    const stored = slice.get()
    const destination = destinationOf(stored, secrets)
    if (!destination) {
      emit(offStatus())
      return
    }
    const next = new Forwarder({
      kind: destination.kind,
      destination: destination.id,
      reader,
      sender: senderFor(destination),
      cursorPath,
      headSeq,
      ...(startAfter === undefined ? {} : { startAfter }),
      paused: stored.paused,
      record,
      onChange: emit,
      onError: (error) => {
        const failure = toAppError(error)
        services.notify({ id: 'audit-forwarding-cursor', level: 'warning', message: failure.message, hint: failure.hint })
      },
    })
    forwarder = next
    await next.start()
  }

  const unsubscribe = audit.onAppend((entry) => {
    head = entry.seq
    forwarder?.noteAppended(entry.seq)
  })

  const setPaused = async (paused: boolean) => {
    slice.set({ paused })
    if (paused) forwarder?.pause()
    else forwarder?.resume()
    return status()
  }

  const sendTest = async (): Promise<AuditForwardingTestResult> => {
    const destination = destinationOf(slice.get(), secrets)
    const started = performance.now()
    const latency = () => Math.round(performance.now() - started)
    if (!destination)
      return {
        ok: false,
        answer: 'Nothing was sent: no destination is saved.',
        latencyMs: 0,
        error: { message: 'Audit forwarding is off.', hint: 'Choose syslog or Splunk HEC, fill in the destination and save it first.' },
      }
    try {
      const result: AuditForwardingTestResult =
        destination.kind === 'syslog'
          ? { ok: true, answer: await SyslogSender.test(destination.target, services.now()), latencyMs: 0 }
          : { ok: true, ...(await HecSender.test(destination.target, services.now())), latencyMs: 0 }
      result.latencyMs = latency()
      record('auditForwarding.test', 'ok', { kind: destination.kind, latencyMs: result.latencyMs })
      return result
    } catch (error) {
      const failure = toAppError(error)
      record('auditForwarding.test', 'error', { kind: destination.kind, reason: failure.message.slice(0, 300) })
      return {
        ok: false,
        answer: failure.message,
        latencyMs: latency(),
        ...(failure.status === undefined ? {} : { status: failure.status }),
        error: { message: failure.message, hint: failure.hint },
      }
    }
  }

  return {
    handlers: {
      'auditForwarding.config.get': async () => configView(slice.get(), secrets),
      'auditForwarding.config.set': async (input) => {
        const before = slice.get()
        const beforeId = destinationOf(before, secrets)?.id
        const firstNew = (await headSeq()) + 1
        const stored = saveConfig(slice, secrets, input)
        const destination = destinationOf(stored, secrets)
        record('auditForwarding.config', 'ok', { kind: stored.kind, destination: destination?.id ?? null, tls: stored.kind === 'syslog' })
        // A new destination gets the entries from this change on; the same one goes on from its cursor.
        await restart(destination && destination.id !== beforeId ? firstNew - 1 : undefined)
        return configView(stored, secrets)
      },
      'auditForwarding.status': async () => status(),
      'auditForwarding.pause': async () => setPaused(true),
      'auditForwarding.resume': async () => setPaused(false),
      'auditForwarding.sendTest': sendTest,
    },
    start: async () => {
      head = await headSeq()
      await restart()
    },
    close: async () => {
      unsubscribe()
      await forwarder?.close()
      forwarder = undefined
      reader.close()
    },
  }
})
