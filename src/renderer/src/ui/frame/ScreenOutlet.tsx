import { AuditScreen } from '../../features/audit/AuditScreen'
import { ConnectionsScreen } from '../../features/connections/ConnectionsScreen'
import { PrivacyScreen } from '../../features/privacy/PrivacyScreen'
import { SchemasScreen } from '../../features/schemas/SchemasScreen'
import { SettingsScreen } from '../../features/settings/SettingsScreen'
import { UploadsScreen } from '../../features/uploads/UploadsScreen'
import { useNavigation } from '../../navigation'
import { screenById } from '../../screens'
import { NotBuiltYet } from './NotBuiltYet'

export function ScreenOutlet() {
  const screenId = useNavigation((state) => state.screen)
  const screen = screenById(screenId)
  if (!screen) return null
  if ('planned' in screen) return <NotBuiltYet screen={screen} />
  switch (screen.id) {
    case 'audit':
      return <AuditScreen />
    case 'connections':
      return <ConnectionsScreen />
    case 'privacy':
      return <PrivacyScreen />
    case 'schemas':
      return <SchemasScreen />
    case 'settings':
      return <SettingsScreen />
    case 'uploads':
      return <UploadsScreen />
  }
}
