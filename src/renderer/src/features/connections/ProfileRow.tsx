import { useId } from 'react'
import type { ProfileView } from '../../../../shared/api'
import { Badge } from '../../ui/Badge'
import { Button } from '../../ui/Button'
import { regionLabel } from '../../ui/format'

interface ProfileRowProps {
  profile: ProfileView
  testing: boolean
  activating: boolean
  onTest: () => void
  onSetActive: () => void
  onEdit: () => void
  onRemove: () => void
}

/** One profile: what it points at, and its actions. The Sandbox profile is built in: no edit, no remove. */
export function ProfileRow({ profile, testing, activating, onTest, onSetActive, onEdit, onRemove }: ProfileRowProps) {
  const nameId = useId()
  return (
    <li className="profile-row" aria-labelledby={nameId}>
      <div className="profile-main">
        <p className="profile-name">
          <span id={nameId}>{profile.name}</span>
          {profile.isSandbox && <Badge>Built-in</Badge>}
          {profile.active && <Badge tone="accent">Active</Badge>}
        </p>
        <p className="profile-meta">
          <span>{regionLabel(profile.region)}</span>
          <span>
            Client id <code>{profile.clientId}</code>
          </span>
          <span>{profile.hasSecret ? 'Secret stored' : 'No secret stored'}</span>
        </p>
        <p className="profile-meta">
          <code>{profile.apiBase}</code>
        </p>
      </div>
      <div className="profile-actions">
        <Button small onClick={onTest} busy={testing}>
          Test connection
        </Button>
        {!profile.active && (
          <Button small onClick={onSetActive} busy={activating}>
            Set active
          </Button>
        )}
        {!profile.isSandbox && (
          <>
            <Button small onClick={onEdit}>
              Edit
            </Button>
            <Button small variant="danger" onClick={onRemove}>
              Remove
            </Button>
          </>
        )}
      </div>
    </li>
  )
}
