import { AppError } from '../../../shared/errors'

/** A file-system failure in plain words: what happened to the file, never a bare errno. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'it no longer exists (moved, renamed or deleted)'
    case 'EACCES':
    case 'EPERM':
      return 'permission to read it was denied'
    case 'EISDIR':
      return 'it is a folder, not a file'
    case 'ELOOP':
      return 'it is a link that points back to itself'
    case 'EIO':
      return 'the disk reported a read error'
    case 'EBUSY':
      return 'another program has it locked'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open at once'
    default:
      return `it could not be read (${code ?? (error instanceof Error ? error.message : String(error))})`
  }
}

export function fileError(name: string, message: string, hint: string): AppError {
  return new AppError({ code: 'file', message: `${name}: ${message}`, hint })
}
