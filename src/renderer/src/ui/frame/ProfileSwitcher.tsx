import { useId } from 'react'
import { useProfiles, useSetActiveProfile } from '../../hooks/useProfiles'
import { useActionError } from './actionErrorStore'

/** The header's "Active profile" select; switching changes which org every workflow talks to. */
export function ProfileSwitcher() {
  const id = useId()
  const profiles = useProfiles()
  const setActive = useSetActiveProfile()
  const { show, clear } = useActionError()
  const active = profiles.data?.find((p) => p.active)
  return (
    <div className="switcher">
      <label htmlFor={id} className="switcher-label">
        Active profile
      </label>
      <select
        id={id}
        className="select"
        value={active?.id ?? ''}
        disabled={!profiles.data || setActive.isPending}
        aria-busy={setActive.isPending || undefined}
        onChange={(event) => {
          clear()
          setActive.mutate(event.target.value, { onError: (error) => show('Could not switch the active profile', error) })
        }}
      >
        {!active && <option value="">{profiles.isError ? 'Profiles unavailable' : 'Loading…'}</option>}
        {profiles.data?.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.isSandbox ? `${profile.name} (built-in)` : profile.name}
          </option>
        ))}
      </select>
    </div>
  )
}
