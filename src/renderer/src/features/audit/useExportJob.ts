import { useCallback, useEffect, useState } from 'react'
import type { JobView } from '../../../../shared/api'
import type { AuditExportStart, AuditExportView } from '../../../../shared/contract/audit'
import { api } from '../../api'
import { useApiEvent } from '../../hooks/useApiEvent'

const FINAL_STATES = ['done', 'failed', 'cancelled', 'interrupted']

/** One export at a time as the panel shows it: start, follow its job's progress, cancel, then its result. */
export function useExportJob() {
  const [view, setView] = useState<AuditExportView | undefined>()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<unknown>()
  const jobId = view?.job.id

  const refresh = useCallback(async (id: string) => {
    const found = (await api.call('audit.exports', {})).find((e) => e.job.id === id)
    if (found) setView((current) => (current?.job.id === id ? found : current))
  }, [])

  useApiEvent('job.progress', (job: JobView) => {
    if (job.id !== jobId) return
    setView((current) => (current && current.job.id === job.id ? { ...current, job } : current))
    if (FINAL_STATES.includes(job.state)) void refresh(job.id)
  })

  // The event may have come before the answer to start did.
  useEffect(() => {
    if (jobId && view && !FINAL_STATES.includes(view.job.state)) void refresh(jobId)
    // Once per job: re-running on every view change would re-read the exports on every progress event.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId])

  const start = async (input: AuditExportStart) => {
    setStarting(true)
    setError(undefined)
    try {
      setView(await api.call('audit.export', input))
    } catch (e) {
      setError(e)
      throw e
    } finally {
      setStarting(false)
    }
  }

  const cancel = async () => {
    if (!jobId) return
    try {
      await api.call('jobs.cancel', { id: jobId })
    } catch (e) {
      setError(e)
    }
  }

  const running = view !== undefined && !FINAL_STATES.includes(view.job.state)
  return { view, start, cancel, starting, running, error, clearError: () => setError(undefined), reset: () => setView(undefined) }
}
