import type { Notice } from '../../../../shared/api'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useJobs } from '../../hooks/useJobs'
import { useResumeAll } from '../../hooks/useJobControls'
import { useNavigation } from '../../navigation'
import { Banner } from '../Banner'
import { Button } from '../Button'
import { ScreenLink } from '../ScreenLink'
import { interruptedCount, noticeStillOpen } from './jobNotice'
import { useNotices } from './noticeStore'

/**
 * Things the admin must know (a corrupt settings file kept as a backup, ...), until dismissed (remembered
 * across reloads). A notice about jobs also goes by itself once the jobs it names have finished.
 */
export function NoticeBanners() {
  const info = useAppInfo()
  const { live, retracted, dismiss, isDismissed } = useNotices()
  const onConnections = useNavigation((state) => state.screen === 'connections')
  const all = [...(info.data?.notices ?? []), ...live]
  const aboutJobs = all.some((notice) => notice.jobIds?.length)
  const jobs = useJobs(aboutJobs)
  const shown = all.filter(
    (notice, i) =>
      !isDismissed(notice) &&
      !retracted.includes(notice.id) &&
      all.findIndex((n) => n.id === notice.id) === i &&
      noticeStillOpen(notice, jobs.data) &&
      // The Connections screen shows the secret-storage warning in place; do not say it twice there.
      !(onConnections && notice.message === info.data?.secretStorage.warning),
  )
  if (shown.length === 0) return null
  return (
    <div className="notices" aria-label="Notices" role="region">
      {shown.map((notice) => (
        <Banner key={notice.id} level={notice.level} title={notice.message} onDismiss={() => dismiss(notice)}>
          {notice.hint}
          {notice.jobIds?.length ? <JobNoticeActions notice={notice} interrupted={interruptedCount(notice, jobs.data)} /> : null}
        </Banner>
      ))}
    </div>
  )
}

function JobNoticeActions({ notice, interrupted }: { notice: Notice; interrupted: number }) {
  const resumeAll = useResumeAll()
  return (
    <div className="notice-actions">
      {interrupted > 0 && (
        <Button small variant="primary" busy={resumeAll.isPending} onClick={() => resumeAll.mutate(notice.jobIds)}>
          Resume all ({interrupted})
        </Button>
      )}
      {interrupted === 0 && <span>Resumed; this note goes once they have finished.</span>}
      <ScreenLink screen="jobs">Open Jobs</ScreenLink>
    </div>
  )
}
