import type { Command } from 'commander'
import type { SecretBox } from '../main/core/types'

/**
 * What runs the command line: plain Node (secrets stored unencrypted, the desktop app's keychain out of
 * reach) or the desktop app's Electron binary with no window (safeStorage, the same keychain as the app).
 */
export interface CliHost {
  name: 'node' | 'electron'
  secretBox: SecretBox
}

const hosts = new WeakMap<Command, CliHost>()

export function setProgramHost(program: Command, host: CliHost): void {
  hosts.set(program, host)
}

/** The host of the program a (sub-)command belongs to. */
export function hostOf(command: Command): CliHost {
  let root = command
  while (root.parent) root = root.parent
  const host = hosts.get(root)
  if (!host) throw new Error('The command line was built without a host: use buildProgram(host).')
  return host
}
