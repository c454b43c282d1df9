import type { ConnectionState, StatusSnapshot } from '../../../../shared/api'
import type { DotTone } from '../dotTone'

/** Pure wording of the status bar, kept apart so it can be unit-tested. */
export function connectionWords(state: ConnectionState): { tone: DotTone; words: string } {
  switch (state) {
    case 'connected':
      return { tone: 'ok', words: 'Connected' }
    case 'connecting':
      return { tone: 'busy', words: 'Connecting…' }
    case 'error':
      return { tone: 'bad', words: 'Connection failed' }
    default:
      return { tone: 'idle', words: 'Not checked yet' }
  }
}

/**
 * The last real result of the active profile in words: a refused sign-in names its status and time (so a
 * 401 on any screen is not hidden behind "Not checked yet"), with the hint beside it.
 */
export function connectionResultWords(
  status: Pick<StatusSnapshot, 'connection' | 'connectionError' | 'connectionCheckedAt'>,
  formatWhen: (iso: string) => string,
): { tone: DotTone; words: string; detail?: string; title?: string } {
  const base = connectionWords(status.connection)
  const when = status.connectionCheckedAt ? formatWhen(status.connectionCheckedAt) : undefined
  const error = status.connection === 'error' ? status.connectionError : undefined
  if (error?.status === 401) {
    const words = `Sign-in refused (401)${when ? ` at ${when}` : ''}`
    return { tone: 'bad', words, detail: error.hint, title: `${words}. ${error.hint}` }
  }
  if (error) {
    const words = `${base.words}${when ? ` at ${when}` : ''}`
    return { tone: base.tone, words, detail: error.message, title: `${error.message} ${error.hint}` }
  }
  if (status.connection === 'connected' && when) return { ...base, title: `Last answer from the org at ${when}` }
  return base
}

export function rateWords(status: Pick<StatusSnapshot, 'callsLastMinute' | 'rateLimitPerMinute' | 'rateLimitSource'>): {
  calls: string
  source: string
  nearLimit: boolean
} {
  const { callsLastMinute, rateLimitPerMinute, rateLimitSource } = status
  // Said with a sign as well as a colour, so it is not colour alone.
  const nearLimit = rateLimitPerMinute > 0 && callsLastMinute >= rateLimitPerMinute * 0.8
  return {
    calls: `${nearLimit ? '⚠ ' : ''}${callsLastMinute} / ${rateLimitPerMinute} calls/min`,
    source: rateLimitSource === 'headers' ? 'limit from API headers' : 'default limit',
    nearLimit,
  }
}

export function jobsWords(jobsRunning: number): string {
  if (jobsRunning === 0) return 'No jobs running'
  return jobsRunning === 1 ? '1 job running' : `${jobsRunning} jobs running`
}
