import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { DownloadCard } from './DownloadCard'
import { FINISHED_DOWNLOAD_STATES } from './recordingWords'
import { useClearDownloads, useDownloads } from './useRecordings'

/** Every download of recordings to a folder: progress, choices for existing files, pause, resume, retry. */
export function DownloadsPanel() {
  const downloads = useDownloads()
  const clear = useClearDownloads()
  const list = downloads.data ?? []
  const finished = list.filter((d) => FINISHED_DOWNLOAD_STATES.includes(d.state)).length
  return (
    <Card
      title="Downloads"
      className="rec-downloads"
      actions={
        <Button small onClick={() => clear.mutate()} disabled={finished === 0} busy={clear.isPending}>
          Clear finished
        </Button>
      }
    >
      {downloads.isPending && <p className="muted">Loading the downloads…</p>}
      {downloads.isError && <ErrorPanel error={downloads.error} title="The downloads could not be listed" />}
      {clear.isError && <ErrorPanel error={clear.error} title="The finished downloads could not be cleared" />}
      {downloads.data && list.length === 0 && (
        <EmptyState title="No downloads yet">Select recordings above and choose “Download selected…”.</EmptyState>
      )}
      {list.length > 0 && (
        <ul className="rec-download-list" aria-label="Downloads">
          {list.map((view) => (
            <li key={view.id}>
              <DownloadCard view={view} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
