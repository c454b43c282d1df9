import { useNavigation } from '../../navigation'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { AboutCard } from './AboutCard'
import { ThemeChooser } from './ThemeChooser'

export function SettingsScreen() {
  const go = useNavigation((state) => state.go)
  return (
    <>
      <ScreenHeader title="Settings" />
      <ThemeChooser />
      <Card title="Connections">
        <p>Org profiles, their OAuth clients and the active profile are managed on the Connections screen.</p>
        <Button onClick={() => go('connections')}>Manage connections</Button>
      </Card>
      <AboutCard />
    </>
  )
}
