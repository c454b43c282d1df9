import { DownloadsPanel } from './DownloadsPanel'
import { FindForm } from './FindForm'
import { FindStatus } from './FindStatus'
import { PolicyPanel } from './PolicyPanel'
import { ResultsSection } from './ResultsSection'
import { TranscriptPanel } from './TranscriptPanel'
import { useRecordingsWorkspace } from './recordingsWorkspace'
import { useFindView, usePolicy, useRestoreLatestFind } from './useRecordings'
import { ErrorPanel } from '../../ui/ErrorPanel'

/** Find calls, then act on their recordings: links, downloads, transcripts. */
export function FindTab() {
  const findId = useRecordingsWorkspace((s) => s.findId)
  const transcriptFor = useRecordingsWorkspace((s) => s.transcriptFor)
  const showFind = useRecordingsWorkspace((s) => s.showFind)
  useRestoreLatestFind(findId, showFind)
  const find = useFindView(findId)
  const policy = usePolicy()
  return (
    <div className="rec-find-tab">
      {policy.data && <PolicyPanel policy={policy.data} />}
      {policy.isError && <ErrorPanel error={policy.error} title="The link policy could not be read" />}
      <FindForm />
      {find.isError && <ErrorPanel error={find.error} title="The search could not be read" />}
      {find.data && <FindStatus view={find.data} />}
      {find.data && <ResultsSection view={find.data} />}
      {transcriptFor && <TranscriptPanel key={transcriptFor} conversationId={transcriptFor} />}
      <DownloadsPanel />
    </div>
  )
}
