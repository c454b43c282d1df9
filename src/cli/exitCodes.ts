import type { AppErrorCode } from '../shared/errors'

/** What a run ended with; the README's "Command line" section lists them. */
export const EXIT = {
  done: 0,
  itemsFailed: 1,
  usage: 2,
  connection: 3,
  /** Ctrl-C: running jobs were paused (128 + SIGINT, as shells expect). */
  interrupted: 130,
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

const CONNECTION_CODES: readonly AppErrorCode[] = [
  'unauthorized',
  'forbidden',
  'network',
  'timeout',
  'secret_not_bound',
  'keychain_unavailable',
]

/** An error that ends the whole command: bad input is a usage error, a refused sign-in or no network is "could not connect". */
export function exitCodeForError(code: AppErrorCode): ExitCode {
  if (code === 'invalid_input') return EXIT.usage
  if (CONNECTION_CODES.includes(code)) return EXIT.connection
  return EXIT.itemsFailed
}
