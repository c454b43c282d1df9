import { useNavigation } from '../../navigation'
import { SCREEN_COMPONENTS } from '../../screenRegistry'
import { plannedScreen, screenById } from '../../screens'
import { NotBuiltYet } from './NotBuiltYet'

export function ScreenOutlet() {
  const screenId = useNavigation((state) => state.screen)
  const screen = screenById(screenId)
  if (!screen) return null
  const planned = plannedScreen(screen)
  if (planned) return <NotBuiltYet screen={planned} />
  const Component = SCREEN_COMPONENTS[screen.id]
  return <Component />
}
