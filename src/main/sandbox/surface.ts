/** Which of the simulated hosts a path belongs to; each answers errors in its own dialect. */
export type Surface = 'login' | 'api' | 'upload' | 'report' | 'media' | 'control' | 'other'

export const UPLOAD_PREFIX = '/__uploads/'
export const REPORT_PREFIX = '/__reports/'
export const CONTROL_PREFIX = '/__sandbox/'
/** Presigned recording media (the platform's S3 links). */
export const MEDIA_PREFIX = '/__media/'
/** Architect prompt uploads (a resource's uploadUri): same origin and token as the API, so the same surface. */
export const PROMPT_UPLOAD_PREFIX = '/uploads/v2/'

export function surfaceOf(path: string): Surface {
  if (path === '/oauth/token') return 'login'
  if (path === '/api/v2' || path.startsWith('/api/v2/') || path.startsWith(PROMPT_UPLOAD_PREFIX)) return 'api'
  if (path.startsWith(UPLOAD_PREFIX)) return 'upload'
  if (path.startsWith(REPORT_PREFIX)) return 'report'
  if (path.startsWith(MEDIA_PREFIX)) return 'media'
  if (path.startsWith(CONTROL_PREFIX)) return 'control'
  return 'other'
}

export function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
