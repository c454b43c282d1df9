/**
 * The command line in plain Node cannot open what the desktop app sealed with the OS keychain. It says so
 * and stops instead of going on half-able: a stored profile it cannot sign in with, or an audit key it
 * cannot sign the head with (every append it made would stand unsigned: the app running beside it follows
 * such lines but reports them, and Verify fails, as for lines someone else added).
 */
import { isKeychainSealed } from '../main/core/secrets/sealedValue'
import type { AuditKeyStatus } from '../main/core/types'
import { AppError } from '../shared/errors'
import type { CliHost } from './cliHost'

const INSTALLED_CLI = 'the switchboard installed with the desktop app (it runs in the app’s Electron and opens the keychain)'

/** For createCore's acceptAuditKey: throws, before anything is written to the log, when this run could not sign its head. */
export function auditKeyGuard(host: CliHost, dataDir: string): (key: AuditKeyStatus) => void {
  return (key) => {
    if (key.signer || !key.keychainSealed) return
    if (host.name === 'node') {
      throw new AppError({
        code: 'keychain_unavailable',
        message: `The audit log in ${dataDir} is signed with a key the desktop app sealed in the OS keychain, which the command line cannot open in plain Node. Nothing was written.`,
        hint: `Run ${INSTALLED_CLI}, or use --data for a separate folder.`,
      })
    }
    throw new AppError({
      code: 'keychain_unavailable',
      message: `${key.problem ?? 'The audit key cannot be unsealed.'} The command line does not append to a log whose head it cannot sign; nothing was written.`,
      hint: 'Unlock the system keychain and run the command again, or use --data for a separate folder.',
    })
  }
}

/** Before a stored profile is used: plain Node cannot open a secret the desktop app sealed with the keychain. */
export function refuseKeychainProfile(host: CliHost, profile: { name: string }, sealedSecret: string | undefined): void {
  if (host.name !== 'node' || sealedSecret === undefined || !isKeychainSealed(sealedSecret)) return
  throw new AppError({
    code: 'keychain_unavailable',
    message: `The client secret of "${profile.name}" was sealed in the OS keychain by the desktop app; the command line cannot open it in plain Node.`,
    hint: `Run ${INSTALLED_CLI}, or use the GENESYSCLOUD_* variables, or --data for a separate folder.`,
  })
}
