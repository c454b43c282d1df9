import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyReply } from 'fastify'
import { AppError, type AppErrorCode, type AppErrorData } from '../../shared/errors'

type ErrorFields = Omit<AppErrorData, 'name'>

const STATUS_OF_CODE: Partial<Record<AppErrorCode, number>> = { invalid_input: 400, unauthorized: 401, forbidden: 403, not_found: 404 }
const OPEN_THE_ADDRESS = 'Open the address printed by npm run web or npm start.'

/** Every answer that is not a success has the same envelope as a failed invoke. */
export function sendAppError(reply: FastifyReply, status: number, error: ErrorFields): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ ok: false, error: { name: 'AppError', ...error } })
}

/** A request the guard turned away (wrong Host, Origin, token or request line). */
export function sendRefusal(reply: FastifyReply, status: number, message: string): FastifyReply {
  const code: AppErrorCode = status === 401 ? 'unauthorized' : status === 400 ? 'invalid_input' : 'forbidden'
  return sendAppError(reply, status, { code, message, hint: OPEN_THE_ADDRESS })
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return sendAppError(reply, 404, { code: 'not_found', message: 'Nothing is served at this address.', hint: OPEN_THE_ADDRESS })
}

/**
 * The web shell's error handler. Our own AppErrors pass as they are; a request the framework refused gets
 * plain words for its status; anything else is a bug, answered without its message (which may hold server
 * paths) or stack, and told in full to the terminal running the shell.
 */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof AppError) return sendAppError(reply, STATUS_OF_CODE[error.code] ?? 500, error.toData())
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return sendAppError(reply, status, requestProblem(status))
  console.error('Switchboard web shell: unexpected error while answering a request:', error)
  return sendAppError(reply, 500, {
    code: 'internal',
    message: 'The web shell could not answer this request.',
    hint: 'Try again. If it keeps failing, restart npm run web; the terminal running it shows the details.',
  })
}

function requestProblem(status: number): ErrorFields {
  switch (status) {
    case 413:
      return {
        code: 'invalid_input',
        message: 'The request is larger than this address accepts.',
        hint: 'Send a smaller file or a smaller request.',
      }
    case 415:
      return { code: 'invalid_input', message: 'This address does not accept that kind of content.', hint: 'Reload the app and try again.' }
    case 403:
      return { code: 'forbidden', message: 'That path cannot be served.', hint: OPEN_THE_ADDRESS }
    case 404:
      return { code: 'not_found', message: 'Nothing is served at this address.', hint: OPEN_THE_ADDRESS }
    default:
      return {
        code: 'invalid_input',
        message: 'The request could not be read (malformed body, headers or path).',
        hint: 'Reload the app and try again.',
      }
  }
}

/** Node refused the request before any route (a request line or headers it cannot parse): same envelope. */
export function answerUnreadableRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const body = JSON.stringify({ ok: false, error: { name: 'AppError', ...requestProblem(400) } })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
