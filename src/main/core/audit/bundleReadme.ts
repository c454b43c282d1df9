/** The README.txt inside a signed bundle: what it holds and how a reviewer checks it. */
import type { BundleManifest } from './bundleManifest'

export function bundleReadme(manifest: BundleManifest): string {
  const e = manifest.entries
  return `Switchboard audit log export (${manifest.format})
Created ${manifest.createdAt}: ${e.count} entries${e.count > 0 ? `, seq ${e.firstSeq} to ${e.lastSeq}` : ''}.

Files
  entries.jsonl    the exported entries, exactly as they are in the audit log, one JSON object a line
  manifest.json    what was exported: count, seq range, SHA-256 of entries.jsonl, the filter used,
                   and the log's hash chain head (seq ${manifest.chain.headSeq}) at export time
  manifest.sig     Ed25519 signature of manifest.json's exact bytes
  public-key.pem   the public key of the Switchboard installation that signed it: its audit key,
                   which also signs the log's chain head (audit.head.json) every time it is written

How to check it
1. The public key is the installation's:
     openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
   must print ${manifest.signature.publicKeySha256}
   and that value must match the audit key fingerprint Switchboard shows under Audit log > Retention
   ("Audit key") on the admin's machine.
2. The manifest is unchanged and was signed by that key (OpenSSL 3):
     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
   or with Node.js:
     node -e "const c=require('crypto'),f=require('fs');console.log(c.verify(null,f.readFileSync('manifest.json'),c.createPublicKey(f.readFileSync('public-key.pem')),f.readFileSync('manifest.sig')))"
3. The entries are the ones the manifest describes:
     sha256sum entries.jsonl
   must print ${e.sha256}
4. The chain head was signed by the same key (fingerprint ${manifest.chain.headSignedBy.publicKeySha256}${manifest.chain.headSignedBy.keychain ? ', its private half sealed by the OS keychain' : ', NOT protected by an OS keychain: this signature proves no more than the hash chain'}):
     printf 'switchboard-audit-head/1\nseq=${manifest.chain.headSeq}\nhash=${manifest.chain.headHash}\n' > head.txt
     echo '${manifest.chain.headSignedBy.headSignature}' | base64 -d > head.sig
     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in head.txt -sigfile head.sig
   On the admin's machine, audit.head.json in the audit log folder carries "key" (the same fingerprint)
   and "sig" (the same kind of signature over its own seq and hash).
5. Hash chain: each line's "prev" is the SHA-256 of the line before it in the log (the line's
   bytes without the newline). Where entries are consecutive (an export without a filter), every
   line's prev must equal the SHA-256 of the line above it; the last line's SHA-256 equals the
   chain head in the manifest when the export reached the newest entry.
`
}
