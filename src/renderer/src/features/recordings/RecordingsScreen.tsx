import { ScreenHeader } from '../../ui/ScreenHeader'

/** Find calls, get download links, save recordings and transcripts, hand big exports to Genesys. */
export function RecordingsScreen() {
  return (
    <div className="recordings-screen">
      <ScreenHeader title="Recordings">
        <p>Find calls by date range or by conversation id, get download links, save recordings and transcripts.</p>
      </ScreenHeader>
    </div>
  )
}
