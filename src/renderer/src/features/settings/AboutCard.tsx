import { useAppInfo } from '../../hooks/useAppInfo'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Fact } from '../../ui/Fact'

/** Where things are kept and how secrets are protected, for the admin and for support. */
export function AboutCard() {
  const info = useAppInfo()
  return (
    <Card title="About this installation">
      {info.isPending && <p className="muted">Loading…</p>}
      {info.isError && <ErrorPanel error={info.error} title="Could not read the app's details" />}
      {info.data && (
        <dl className="facts facts-rows">
          <Fact term="Version">{info.data.version}</Fact>
          <Fact term="Running as">{info.data.shell === 'electron' ? 'Desktop app (Electron)' : 'Web shell in a browser'}</Fact>
          <Fact term="Data folder" value={info.data.dataDir} mono copy="Copy data folder path" />
          <Fact term="Audit log" value={info.data.auditLogPath} mono copy="Copy audit log path" />
          <Fact term="Secret storage">
            {info.data.secretStorage.encrypted ? 'Encrypted' : 'Not encrypted'} · backend: {info.data.secretStorage.backend}
          </Fact>
          {info.data.secretStorage.warning && <Fact term="Warning">{info.data.secretStorage.warning}</Fact>}
        </dl>
      )}
    </Card>
  )
}
