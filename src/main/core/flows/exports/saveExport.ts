import { link, lstat, mkdir, open, rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { AppError } from '../../../../shared/errors'
import { downloadToFile, type DownloadedFile } from '../../net/outboundHttp'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import { exportExtension } from './exportFileName'

/** A flow's YAML is tens of KB; a zip of a hundred flows stays far below this. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024
export const EXPORTS_FOLDER = 'exports'

export type FetchedExport = { ok: true; file: DownloadedFile; extension: string } | { ok: false; status: number; body: string }

/**
 * Downloads the export behind a presigned link into `<folder>/exports/` under a hidden name (a temp file
 * created new, checked, renamed: outboundHttp's downloadToFile), hashing it on the way. The link is the
 * platform's: the profile's link rule applies.
 */
export async function fetchExport(opts: {
  url: string
  links: OutboundUrlRule
  folder: string
  exportId: string
  exportType: string
  signal: AbortSignal
}): Promise<FetchedExport> {
  const dir = await exportsFolder(opts.folder)
  const target = join(dir, `.${opts.exportId}.download`)
  const response = await downloadToFile({
    method: 'GET',
    url: opts.url,
    links: opts.links,
    maxBodyBytes: MAX_EXPORT_BYTES,
    signal: opts.signal,
    retry: { maxAttempts: 3 },
    target,
  })
  if (!response.file) return { ok: false, status: response.status, body: response.body.toString('utf8').slice(0, 500) }
  const disposition = response.headers['content-disposition']
  return { ok: true, file: response.file, extension: exportExtension(opts.exportType, await firstBytes(target), disposition) }
}

/** Gives the downloaded file its name without replacing a file already there: "name (2).yaml" then. */
export async function placeExport(file: DownloadedFile, name: string): Promise<string> {
  const dir = join(file.path, '..')
  const extension = extname(name)
  const stem = name.slice(0, name.length - extension.length)
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? name : `${stem} (${n})${extension}`)
    try {
      await link(file.path, path)
      await rm(file.path, { force: true })
      return path
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 1000)
        throw new AppError({
          code: 'file',
          message: `The export could not be saved as ${basename(path)} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
          hint: 'Check that the folder is writable and has space, then export again.',
        })
    }
  }
}

/** `<folder>/exports`, made if missing; a link or a file in its place is refused, never followed. */
async function exportsFolder(folder: string): Promise<string> {
  const dir = join(folder, EXPORTS_FOLDER)
  const problem = (why: string) =>
    new AppError({
      code: 'file',
      message: `Exports cannot be saved in ${dir}: ${why}.`,
      hint: 'Choose another folder, or make exports/ an ordinary folder in it.',
    })
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw problem(`it cannot be created (${error.code ?? 'unknown error'})`)
  })
  const info = await lstat(dir)
  if (!info.isDirectory()) throw problem(info.isSymbolicLink() ? 'it is a link' : 'it is a file')
  return dir
}

async function firstBytes(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(4)
    const { bytesRead } = await handle.read(buffer, 0, 4, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
