import type { AuditVerifyResult } from '../../../../shared/api'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { count } from './auditWords'
import { useVerify } from './useAudit'

/** "Verify" re-reads the whole hash chain: intact with its head hash, or the first entry that was changed. */
export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerify> }) {
  return (
    <Button onClick={() => verify.mutate()} busy={verify.isPending}>
      {verify.isPending ? 'Verifying…' : 'Verify chain'}
    </Button>
  )
}

export function VerifyResult({ verify }: { verify: ReturnType<typeof useVerify> }) {
  if (verify.error) return <ErrorPanel error={verify.error} title="Could not verify the audit log" />
  const result = verify.data
  if (!result) return null
  const dismiss = () => verify.reset()
  if (result.ok) {
    return (
      <div className="audit-verify" aria-live="polite">
        <Banner
          level="success"
          title={`Intact: all ${count(result.entries)} entries check out, none changed, removed or reordered.`}
          onDismiss={dismiss}
        >
          <p className="audit-hash">
            Head hash <code>{result.headHash}</code> <CopyButton text={result.headHash} label="Copy head hash" />
          </p>
          {result.tornTail && (
            <p>
              An incomplete last line from a crash was set aside at {result.tornTail.path} ({count(result.tornTail.bytes)} bytes).
            </p>
          )}
          <HeadKeyFacts head={result.head} />
        </Banner>
      </div>
    )
  }
  if (!result.firstBad && result.head?.problem) {
    return (
      <div className="audit-verify" aria-live="assertive">
        <Banner level="error" title="The signed head does not vouch for the log." onDismiss={dismiss}>
          <p className="audit-break-reason">{result.head.problem}</p>
          <p>
            The {count(result.entries)} entries link up, but without a head signed by this installation's key nothing shows that they are
            the ones Switchboard wrote: lines may have been added at the end, or the whole log replaced. Keep a copy of the log folder as it
            is and compare it with a backup or an earlier signed export.
          </p>
          <HeadKeyFacts head={result.head} />
        </Banner>
      </div>
    )
  }
  const bad = result.firstBad
  const where = bad
    ? bad.seq !== undefined
      ? `entry #${bad.seq} (line ${count(bad.line)})`
      : `line ${count(bad.line)}`
    : 'an unknown place'
  return (
    <div className="audit-verify" aria-live="assertive">
      <Banner level="error" title={`The chain is broken at ${where}.`} onDismiss={dismiss}>
        <p className="audit-break-reason">{capitalize(bad?.reason ?? 'The chain does not check out.')}</p>
        <p>
          The entries before it check out. Everything from this entry on can no longer be trusted: someone or something edited, removed or
          reordered lines in the log file. Keep a copy of the log folder as it is and compare it with a backup or an earlier signed export.
        </p>
        {result.head?.problem && <p className="audit-break-reason">{result.head.problem}</p>}
        <HeadKeyFacts head={result.head} />
      </Banner>
    </div>
  )
}

/** Which key signs the head and whether a keychain protects it (said plainly when none does). */
function HeadKeyFacts({ head }: { head: AuditVerifyResult['head'] }) {
  if (!head) return null
  return (
    <>
      <p className="audit-hash">
        {head.signedSeq !== undefined ? `Head signed at entry #${head.signedSeq} by` : 'Audit key'} <code>{head.key.fingerprint}</code>{' '}
        {head.key.keychain ? `(sealed by the OS keychain: ${head.key.backend})` : '(not protected by a keychain)'}
      </p>
      {head.key.warning && <p className="audit-key-warning">{head.key.warning}</p>}
    </>
  )
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
