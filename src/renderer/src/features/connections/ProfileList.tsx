import type { UseQueryResult } from '@tanstack/react-query'
import type { ProfileView } from '../../../../shared/api'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ProfileRow } from './ProfileRow'

interface ProfileListProps {
  query: UseQueryResult<ProfileView[]>
  message: string
  testingId?: string
  activatingId?: string
  activateError?: unknown
  onAdd: () => void
  onTest: (profile: ProfileView) => void
  onSetActive: (profile: ProfileView) => void
  onEdit: (profile: ProfileView) => void
  onRemove: (profile: ProfileView) => void
}

export function ProfileList({ query, message, testingId, activatingId, activateError, onAdd, ...actions }: ProfileListProps) {
  return (
    <Card
      title="Profiles"
      actions={
        <Button variant="primary" onClick={onAdd}>
          Add profile
        </Button>
      }
    >
      <p className="flash" aria-live="polite">
        {message}
      </p>
      {activateError != null && <ErrorPanel error={activateError} title="Could not set the active profile" />}
      {query.isPending && <p className="muted">Loading profiles…</p>}
      {query.isError && <ErrorPanel error={query.error} title="Could not load the profiles" />}
      {query.data && query.data.length === 0 && (
        <EmptyState title="No profiles">The Sandbox profile should always be here; reload the window.</EmptyState>
      )}
      {query.data && query.data.length > 0 && (
        <ul className="profile-list" aria-label="Profiles">
          {query.data.map((profile) => (
            <ProfileRow
              key={profile.id}
              profile={profile}
              testing={testingId === profile.id}
              activating={activatingId === profile.id}
              onTest={() => actions.onTest(profile)}
              onSetActive={() => actions.onSetActive(profile)}
              onEdit={() => actions.onEdit(profile)}
              onRemove={() => actions.onRemove(profile)}
            />
          ))}
        </ul>
      )}
    </Card>
  )
}
