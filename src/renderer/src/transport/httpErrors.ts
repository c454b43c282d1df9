import type { AppErrorData } from '../../../shared/errors'

/** The web shell did not answer at all. */
export function webShellUnreachable(detail: string): AppErrorData {
  return {
    name: 'AppError',
    code: 'network',
    message: `Switchboard's web server did not answer (${detail}).`,
    hint: 'Check that `npm run web` (or `npm start`) is still running, then reload this page.',
  }
}

/** The web shell refused this page's token. */
export function tokenRejected(status: number): AppErrorData {
  return {
    name: 'AppError',
    code: 'unauthorized',
    message: "The web server did not accept this page's access token.",
    hint: 'Open the address printed by npm run web / npm start, including #token=... (the token stays the same across restarts until it is rotated with --new-token).',
    status,
  }
}

/** The web shell answered, but not with an InvokeResponse. */
export function unexpectedHttpAnswer(status: number, statusText: string): AppErrorData {
  return {
    name: 'AppError',
    code: status >= 500 ? 'server_error' : 'internal',
    message: `The web server answered HTTP ${status}${statusText ? ` ${statusText}` : ''} without a result.`,
    hint: 'Reload the page. If it keeps happening, restart `npm run web` and report the message.',
    status,
  }
}
