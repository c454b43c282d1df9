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
