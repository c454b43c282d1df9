import { AppError } from '../../../../shared/errors'
import { takeToken } from '../../transport/tokenStore'

/**
 * Web shell only: fetches a finished export from the web shell (the token in the Authorization header,
 * never in an address) and hands it to the browser as a download.
 */
export async function downloadExport(jobId: string, fileName: string): Promise<void> {
  const token = takeToken()
  if (!token)
    throw new AppError({
      code: 'unauthorized',
      message: 'This page has no access token.',
      hint: 'Open the address printed by npm run web, including #token=…',
    })
  let response: Response
  try {
    response = await fetch(`/api/audit-exports/${encodeURIComponent(jobId)}/file`, { headers: { Authorization: `Bearer ${token}` } })
  } catch (error) {
    throw new AppError({
      code: 'network',
      message: `The web shell did not answer (${error instanceof Error ? error.message : 'network error'}).`,
      hint: 'Check that npm run web is still running, then try again.',
    })
  }
  if (!response.ok) {
    throw new AppError({
      code: response.status === 404 ? 'not_found' : 'file',
      message: `The download failed (HTTP ${response.status}).`,
      hint: 'Export again, then download once it is done.',
      status: response.status,
    })
  }
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the bytes are released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
