import { Button } from '../Button'
import { ErrorPanel } from '../ErrorPanel'
import { useActionError } from './actionErrorStore'

export function ActionErrorPanel() {
  const { current, clear } = useActionError()
  if (!current) return null
  return (
    <div className="action-error">
      <ErrorPanel title={current.title} error={current.error} />
      <Button small variant="ghost" onClick={clear} aria-label={`Dismiss: ${current.title}`}>
        Dismiss
      </Button>
    </div>
  )
}
