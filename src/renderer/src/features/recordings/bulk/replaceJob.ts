import type { BulkJobView } from '../../../../../shared/contract/recordings'

/** The list with `view` in its job's place (a new job goes first, as the list is newest first). */
export function replaceJob(list: BulkJobView[], view: BulkJobView): BulkJobView[] {
  const at = list.findIndex((job) => job.id === view.id)
  if (at === -1) return [view, ...list]
  return list.map((job, i) => (i === at ? view : job))
}
