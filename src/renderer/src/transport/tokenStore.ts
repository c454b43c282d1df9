import { readTokenFromHash } from './token'

const STORAGE_KEY = 'switchboard.token'

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function store(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token)
  } catch {
    // Storage disabled: the token still works until the page reloads.
  }
}

/** True when the address bar carries a #token=... (a fresh address was pasted in). */
export function hashHasToken(): boolean {
  return readTokenFromHash(location.hash) !== null
}

/**
 * The web shell's token: from #token=... when present (then kept in sessionStorage so reloads work and
 * wiped from the address bar so it is not shared by copy-paste), else from sessionStorage.
 */
export function takeToken(): string | null {
  const fromHash = readTokenFromHash(location.hash)
  if (fromHash) {
    store(fromHash)
    history.replaceState(history.state, '', location.pathname + location.search)
    return fromHash
  }
  return readStored()
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing stored
  }
}
