/** manifest.json inside a signed bundle: what was exported, the chain's head, and how it is signed. */
import type { AuditVerifyResult } from '../../../shared/api'
import type { AuditFilter } from '../../../shared/contract/audit'

export const BUNDLE_FORMAT = 'switchboard-audit-bundle/1'

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT
  createdAt: string
  filter: AuditFilter
  entries: {
    file: 'entries.jsonl'
    count: number
    bytes: number
    sha256: string
    firstSeq?: number
    lastSeq?: number
    firstPrev?: string
    lastHash?: string
  }
  chain: {
    headSeq: number
    headHash: string
    verifiedAtExport: { ok: boolean; entries: number; firstBad?: AuditVerifyResult['firstBad']; headProblem?: string }
    /**
     * Which key signs the log's head (audit.head.json): this installation's audit key, the same one that
     * signs this manifest. `headSignature` signs `switchboard-audit-head/1\nseq=<headSeq>\nhash=<headHash>\n`.
     */
    headSignedBy: { publicKeyFile: 'public-key.pem'; publicKeySha256: string; keychain: boolean; headSignature: string }
  }
  signature: { algorithm: 'Ed25519'; file: 'manifest.sig'; publicKeyFile: 'public-key.pem'; publicKeySha256: string }
}
