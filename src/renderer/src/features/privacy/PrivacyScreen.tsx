import { useEffect } from 'react'
import { useProfiles } from '../../hooks/useProfiles'
import { Banner } from '../../ui/Banner'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { NotificationPermission } from './NotificationPermission'
import { usePrivacyWorkspace } from './privacyWorkspace'
import { RequestForm } from './RequestForm'
import { RequestList } from './RequestList'
import { SubjectSearch } from './SubjectSearch'
import { usePrivacyList, usePrivacyUpdates, useRefreshFromOrg } from './usePrivacy'
import './privacy.css'

/** GDPR requests: find the subject, submit an export, update or delete, track it for days, save the results. */
export function PrivacyScreen() {
  usePrivacyUpdates()
  const list = usePrivacyList()
  const profiles = useProfiles()
  const refresh = useRefreshFromOrg()
  const { draft, lastSubmitted } = usePrivacyWorkspace()
  const active = profiles.data?.find((p) => p.active)
  const importedFor = list.data?.lastImport?.profileId

  // Requests made elsewhere: read the org's list when the active profile is not the one last read.
  useEffect(() => {
    if (active && list.data && importedFor !== undefined && importedFor !== active.id && !refresh.isPending) refresh.mutate()
    // Only when the active profile or the last-read profile changes; the mutation object is new every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active?.id, importedFor])

  return (
    <div className="privacy-screen">
      <ScreenHeader title="Privacy">
        <p>
          Data subject requests through the Genesys Cloud GDPR API (also used for CCPA). Find the person, send an export, update or delete
          request, and follow it until Genesys Cloud finishes: exports can take days, and tracking goes on after Switchboard restarts.
          Requests go to the active org{active ? `: ${active.name}` : ''}.
        </p>
      </ScreenHeader>
      <NotificationPermission />
      <SubjectSearch />
      {draft && <RequestForm draft={draft} />}
      {lastSubmitted && !draft && (
        <Banner level="success" title={`Request ${lastSubmitted.id.slice(0, 8)} submitted; it is tracked below.`}>
          {lastSubmitted.foundAfterFailure &&
            'The answer to the submission was lost, so Switchboard looked the request up in the org’s list and found it: it was sent once, not twice.'}
        </Banner>
      )}
      {list.isError && <ErrorPanel error={list.error} title="The list of privacy requests could not be read" />}
      {list.data && <RequestList list={list.data} highlightId={lastSubmitted?.id} />}
    </div>
  )
}
