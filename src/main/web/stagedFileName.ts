import { basename } from 'node:path'
import { AppError } from '../../shared/errors'

/** NAME_MAX of common file systems: a longer name cannot be written, whatever folder it goes in. */
export const MAX_STAGED_NAME_BYTES = 255

/** The file name a browser sent in X-File-Name (URI-encoded), reduced to a safe last path segment. */
export function stagedFileName(header: string | string[] | undefined): string {
  let decoded = ''
  try {
    decoded = decodeURIComponent(typeof header === 'string' ? header : '')
  } catch {
    decoded = ''
  }
  const name = basename(decoded.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim()
  if (!name || name === '.' || name === '..') {
    throw new AppError({
      code: 'invalid_input',
      message: 'The file name is missing or is not a file name.',
      hint: 'Drop the file again; if it keeps failing, reload the app.',
    })
  }
  const bytes = Buffer.byteLength(name)
  if (bytes > MAX_STAGED_NAME_BYTES) throw fileNameTooLong(bytes)
  return name
}

export function fileNameTooLong(bytes?: number): AppError {
  const size = bytes === undefined ? '' : ` (${bytes} bytes; at most ${MAX_STAGED_NAME_BYTES})`
  return new AppError({
    code: 'invalid_input',
    message: `The file name is too long to store${size}.`,
    hint: 'Rename the file to something shorter and drop it again.',
  })
}
