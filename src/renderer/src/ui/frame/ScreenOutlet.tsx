import { ConnectionsScreen } from '../../features/connections/ConnectionsScreen'
import { SettingsScreen } from '../../features/settings/SettingsScreen'
import { useNavigation } from '../../navigation'
import { screenById } from '../../screens'
import { NotBuiltYet } from './NotBuiltYet'

export function ScreenOutlet() {
  const screenId = useNavigation((state) => state.screen)
  const screen = screenById(screenId)
  if (!screen) return null
  if ('planned' in screen) return <NotBuiltYet screen={screen} />
  switch (screen.id) {
    case 'connections':
      return <ConnectionsScreen />
    case 'settings':
      return <SettingsScreen />
  }
}
