import type { DownloadView } from '../../../../shared/contract/recordings'

/**
 * The newer of two views of a download, by the core's revision. The answer to a call (start, a decision,
 * pause...) and the change signals come by different ways: an answer that arrives after later signals
 * must not put the screen back to where the download stood when it was answered (no signal may follow).
 */
export function newerDownloadView(current: DownloadView | undefined, next: DownloadView): DownloadView {
  return current !== undefined && current.id === next.id && current.revision > next.revision ? current : next
}

/** The list with this view in place (a new download first); an older view than the one shown is left out. */
export function upsertDownload(list: DownloadView[], view: DownloadView): DownloadView[] {
  const index = list.findIndex((d) => d.id === view.id)
  if (index === -1) return [view, ...list]
  const kept = newerDownloadView(list[index], view)
  if (kept === list[index]) return list
  const next = list.slice()
  next[index] = kept
  return next
}

/** A fresh read of the list: its downloads, each kept as the screen has it when that is newer. */
export function mergeDownloadList(current: DownloadView[] | undefined, read: DownloadView[]): DownloadView[] {
  const shown = new Map((current ?? []).map((view) => [view.id, view]))
  return read.map((view) => newerDownloadView(shown.get(view.id), view))
}
