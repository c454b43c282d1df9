import { useNavigation } from '../../navigation'
import { SCREEN_COMPONENTS } from '../../screenRegistry'
import { screenById } from '../../screens'
import { NotBuiltYet } from './NotBuiltYet'

export function ScreenOutlet() {
  const screenId = useNavigation((state) => state.screen)
  const screen = screenById(screenId)
  if (!screen) return null
  if ('planned' in screen) return <NotBuiltYet screen={screen} />
  const Component = SCREEN_COMPONENTS[screen.id]
  return <Component />
}
