/**
 * The first start with a signed head over a log written before heads were signed (or with a new audit
 * key): the chain is checked once, and an entry records from which seq the head is signed, with which
 * key, and whether the chain was intact then. From then on Verify is strict: an unsigned anchor, or one
 * signed by another key, fails.
 */
import type { AuditLog } from './auditLog'
import type { AuditKeyLoad } from './auditSigning'
import type { StartupState } from './auditStartup'

export async function recordHeadSigningStart(log: AuditLog, state: StartupState, key: AuditKeyLoad): Promise<void> {
  if (state.signedFrom === undefined && key.replacedLegacyFingerprint === undefined) return
  const checked = await log.verify()
  log.append({
    profile: 'switchboard',
    org: '-',
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
