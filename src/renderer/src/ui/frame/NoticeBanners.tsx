import { useAppInfo } from '../../hooks/useAppInfo'
import { useNavigation } from '../../navigation'
import { Banner } from '../Banner'
import { useNotices } from './noticeStore'

/** Things the admin must know (a corrupt settings file kept as a backup, ...), until dismissed. */
export function NoticeBanners() {
  const info = useAppInfo()
  const { live, dismissed, dismiss } = useNotices()
  const onConnections = useNavigation((state) => state.screen === 'connections')
  const all = [...(info.data?.notices ?? []), ...live]
  const shown = all.filter(
    (notice, i) =>
      !dismissed.includes(notice.id) &&
      all.findIndex((n) => n.id === notice.id) === i &&
      // The Connections screen shows the secret-storage warning in place; do not say it twice there.
      !(onConnections && notice.message === info.data?.secretStorage.warning),
  )
  if (shown.length === 0) return null
  return (
    <div className="notices" aria-label="Notices" role="region">
      {shown.map((notice) => (
        <Banner key={notice.id} level={notice.level} title={notice.message} onDismiss={() => dismiss(notice.id)}>
          {notice.hint}
        </Banner>
      ))}
    </div>
  )
}
