/**
 * How a sealed secret says who sealed it: `safe:` by the OS keychain (Electron's safeStorage),
 * `plain:` stored without one (web shell, plain Node, or Electron with no keyring). Every box writes
 * one of the two, so a process can tell a value it cannot open from a damaged one.
 */
export const KEYCHAIN_PREFIX = 'safe:'
export const PLAIN_PREFIX = 'plain:'

export function isKeychainSealed(sealed: string): boolean {
  return sealed.startsWith(KEYCHAIN_PREFIX)
}
