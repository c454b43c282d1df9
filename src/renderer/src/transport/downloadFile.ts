import { AppError } from '../../../shared/errors'
import { takeToken } from './tokenStore'

/**
 * Web shell only: fetches a file the web shell serves (the token in the Authorization header, never in
 * an address) and hands it to the browser as a download. `again` says what to do when it is gone.
 */
export async function downloadFile(url: string, fileName: string, again: string): Promise<void> {
  const token = takeToken()
  if (!token)
    throw new AppError({
      code: 'unauthorized',
      message: 'This page has no access token.',
      hint: 'Open the address printed by npm run web, including #token=…',
    })
  let response: Response
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } })
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
      hint: again,
      status: response.status,
    })
  }
  const objectUrl = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = objectUrl
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the bytes are released.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000)
}
