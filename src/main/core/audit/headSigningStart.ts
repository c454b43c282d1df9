/**
 * The first start with a signed head over a log written before heads were signed (or with a new audit
 * key): the chain is checked once, and an entry records from which seq the head is signed, with which
 * key, and whether the chain was intact then. From then on Verify is strict: an unsigned anchor, or one
 * signed by another key, fails.
 */
import type { AuditEntry, AuditVerifyResult } from '../../../shared/api'
import { SYSTEM_SCOPE } from './auditScope'
import type { AuditKeyLoad } from './auditSigning'
import type { StartupState } from './auditStartup'

/** What this needs of the audit log (the log calls it while opening, so it names no more than that). */
interface SigningStartLog {
  verify(): Promise<AuditVerifyResult>
  append(input: Omit<AuditEntry, 'seq' | 'time' | 'prev'>): unknown
  flush(): Promise<void>
}

export async function recordHeadSigningStart(log: SigningStartLog, state: StartupState, key: AuditKeyLoad): Promise<void> {
  if (state.signedFrom === undefined && key.replacedLegacyFingerprint === undefined) return
  const checked = await log.verify()
  log.append({
    ...SYSTEM_SCOPE,
    action: 'audit.headSigned',
    target: 'audit.head.json',
    outcome: checked.ok ? 'ok' : 'error',
    detail: {
      fromSeq: state.signedFrom ?? state.head.seq,
      keyFingerprint: key.public.fingerprint,
      keychain: key.public.protection.keychain,
      chainIntact: checked.ok,
      entriesChecked: checked.entries,
      replacedBundleKeyFingerprint: key.replacedLegacyFingerprint ?? null,
    },
  })
  await log.flush()
}
