import { useState } from 'react'
import type { ProfileView } from '../../../../shared/api'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useProfiles, useSetActiveProfile, useTestConnection } from '../../hooks/useProfiles'
import { Banner } from '../../ui/Banner'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { ConnectionTestPanel, type TestState } from './ConnectionTestPanel'
import { ProfileForm } from './ProfileForm'
import { savedProfileMessage } from './profileForm'
import { ProfileList } from './ProfileList'
import { RemoveProfileDialog } from './RemoveProfileDialog'

type FormState = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; profile: ProfileView }

/** Org profiles: add, edit, remove, set active, test. */
export function ConnectionsScreen() {
  const info = useAppInfo()
  const profiles = useProfiles()
  const setActive = useSetActiveProfile()
  const test = useTestConnection()
  const [form, setForm] = useState<FormState>({ mode: 'closed' })
  const [removing, setRemoving] = useState<ProfileView | null>(null)
  const [testState, setTestState] = useState<TestState>({ kind: 'idle' })
  const [message, setMessage] = useState('')

  const runTest = (profile: ProfileView) => {
    setTestState({ kind: 'testing', profile })
    test.mutate(profile, {
      onSuccess: (result) => setTestState({ kind: 'passed', profile, result }),
      onError: (error) => setTestState({ kind: 'failed', profile, error }),
    })
  }

  const warning = info.data?.secretStorage.warning
  return (
    <>
      <ScreenHeader title="Connections">
        <p>
          Each profile is one Genesys Cloud org, reached with an OAuth client (client credentials). The active profile is the org every
          workflow uses.
        </p>
      </ScreenHeader>
      {warning && (
        <Banner level="warning" title="Client secrets are not stored safely on this computer">
          {warning}
        </Banner>
      )}
      {info.isError && <ErrorPanel error={info.error} title="Could not read the app's settings" />}
      {form.mode !== 'closed' && (
        <ProfileForm
          key={form.mode === 'edit' ? form.profile.id : 'add'}
          editing={form.mode === 'edit' ? form.profile : undefined}
          onCancel={() => setForm({ mode: 'closed' })}
          onDone={(saved) => {
            setForm({ mode: 'closed' })
            setMessage(savedProfileMessage(saved))
          }}
        />
      )}
      <ProfileList
        query={profiles}
        message={message}
        onAdd={() => {
          setMessage('')
          setForm({ mode: 'add' })
        }}
        testingId={test.isPending ? test.variables?.id : undefined}
        activatingId={setActive.isPending ? setActive.variables : undefined}
        activateError={setActive.isError ? setActive.error : undefined}
        onTest={runTest}
        onSetActive={(profile) =>
          setActive.mutate(profile.id, { onSuccess: () => setMessage(`“${profile.name}” is now the active profile.`) })
        }
        onEdit={(profile) => {
          setMessage('')
          setForm({ mode: 'edit', profile })
        }}
        onRemove={setRemoving}
      />
      <ConnectionTestPanel state={testState} />
      <RemoveProfileDialog
        profile={removing}
        onClose={(removed) => {
          if (removed && removing) setMessage(`Removed profile “${removing.name}”.`)
          if (removed && form.mode === 'edit' && form.profile.id === removing?.id) setForm({ mode: 'closed' })
          setRemoving(null)
        }}
      />
    </>
  )
}
