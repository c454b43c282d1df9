import type { ComponentType } from 'react'
import { useNavigation } from '../../navigation'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Tabs, type TabItem } from '../../ui/Tabs'
import { AboutCard } from './AboutCard'
import { useSettingsWorkspace, type SettingsTab } from './settingsWorkspace'
import { ThemeChooser } from './ThemeChooser'

const TABS: TabItem<SettingsTab>[] = [
  { id: 'general', label: 'General' },
  { id: 'integrations', label: 'Integrations' },
  { id: 'auditForwarding', label: 'Audit forwarding' },
]

interface SettingsScreenProps {
  /** Event delivery's endpoints and logs, and the audit log's forwarding: their own features, handed in by the screen registry. */
  IntegrationsTab: ComponentType
  AuditForwardingTab: ComponentType
}

export function SettingsScreen({ IntegrationsTab, AuditForwardingTab }: SettingsScreenProps) {
  const tab = useSettingsWorkspace((s) => s.tab)
  const setTab = useSettingsWorkspace((s) => s.setTab)
  return (
    <>
      <ScreenHeader title="Settings" />
      <Tabs label="Settings sections" idPrefix="settings" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'integrations' ? <IntegrationsTab /> : tab === 'auditForwarding' ? <AuditForwardingTab /> : <GeneralTab />}
      </Tabs>
    </>
  )
}

function GeneralTab() {
  const go = useNavigation((state) => state.go)
  return (
    <>
      <ThemeChooser />
      <Card title="Connections">
        <p>Org profiles, their OAuth clients and the active profile are managed on the Connections screen.</p>
        <Button onClick={() => go('connections')}>Manage connections</Button>
      </Card>
      <AboutCard />
    </>
  )
}
