import type { PlannedScreen } from '../../screens'
import { EmptyState } from '../EmptyState'
import { ScreenHeader } from '../ScreenHeader'

/** An honest placeholder: what the screen will do and where that work is tracked. No fake content. */
export function NotBuiltYet({ screen }: { screen: PlannedScreen }) {
  const issue = screen.issue
  return (
    <>
      <ScreenHeader title={screen.label} />
      <EmptyState>
        <p>
          <strong>Not built yet:</strong> {screen.planned}, {issue ? `tracked in issue ${issue}` : 'not yet tracked in an issue'}.
        </p>
      </EmptyState>
    </>
  )
}
