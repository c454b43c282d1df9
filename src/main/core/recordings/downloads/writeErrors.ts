/** Failures of the disk while a recording is written, in words for the admin. */
import { AppError } from '../../../../shared/errors'
import { OutboundError } from '../../net/outboundHttp'

const WRITE_ERRNOS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'EISDIR',
  'ENOTDIR',
  'EIO',
  'EEXIST',
  'EMFILE',
  'ENFILE',
  'EFBIG',
])

/** The errno of a file-system failure, also when it ended a download (OutboundError keeps its cause). */
export function writeErrnoOf(error: unknown): string | undefined {
  const cause = error instanceof OutboundError ? error.transportCause : error
  const code = (cause as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && WRITE_ERRNOS.has(code) ? code : undefined
}

export function writeError(errno: string, fileName: string, folder: string): AppError {
  const [message, hint] = wordsFor(errno, fileName, folder)
  return new AppError({ code: 'file', message, hint, details: [{ errorCode: errno }] })
}

function wordsFor(errno: string, fileName: string, folder: string): [string, string] {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return [
        `${fileName} could not be saved: the disk holding ${folder} is full.`,
        'Free some space (or choose another folder), then Retry the failed files.',
      ]
    case 'EACCES':
    case 'EPERM':
      return [
        `${fileName} could not be saved: Switchboard may not write to ${folder}.`,
        'Choose a folder you may write to, or ask for write access, then Retry.',
      ]
    case 'EROFS':
      return [
        `${fileName} could not be saved: ${folder} is on a read-only disk.`,
        'Choose a folder on a disk you can write to, then Retry.',
      ]
    case 'EISDIR':
    case 'ENOTDIR':
    case 'EEXIST':
      return [
        `${fileName} could not be saved: something else is in the way in ${folder} (a folder or file where the download goes).`,
        'Move it away, then Retry.',
      ]
    default:
      return [`${fileName} could not be saved to ${folder} (${errno}).`, 'Check the disk and the folder, then Retry.']
  }
}
