import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { ProfileView } from '../../../../shared/api'
import { toAppError } from '../../../../shared/errors'
import { useAppInfo } from '../../hooks/useAppInfo'
import { useSaveProfile } from '../../hooks/useProfiles'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import {
  emptyProfileForm,
  fieldErrorsFromAppError,
  formFromProfile,
  secretReentryMessage,
  validateProfileForm,
  type FieldErrors,
  type ProfileField,
  type ProfileFormValues,
} from './profileForm'
import { RegionSelect } from './RegionSelect'

const SECRET_BINDING_FIELDS = new Set<ProfileField>(['region', 'clientId', 'gatewayUrl'])

interface ProfileFormProps {
  /** The profile being edited; absent when adding one. */
  editing?: ProfileView
  onDone: (saved: ProfileView) => void
  onCancel: () => void
}

/** Add or edit an org profile; checked with the contract's schema before it is sent, and by the core after. */
export function ProfileForm({ editing, onDone, onCancel }: ProfileFormProps) {
  const [values, setValues] = useState<ProfileFormValues>(() => (editing ? formFromProfile(editing) : emptyProfileForm()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const save = useSaveProfile()
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [])

  const set = (field: ProfileField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }))
    // Whether the secret is needed depends on the client id and hosts too: it is checked again on Save.
    setErrors((e) => ({ ...e, [field]: undefined, ...(SECRET_BINDING_FIELDS.has(field) ? { clientSecret: undefined } : {}) }))
  }

  const reentry = secretReentryMessage(editing, values)
  const keepsStoredSecret = Boolean(editing?.hasSecret) && !reentry

  const focusFirstInvalid = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = validateProfileForm(values, keepsStoredSecret, reentry && 'Enter the client secret again')
    if (!checked.ok) {
      setErrors(checked.errors)
      focusFirstInvalid()
      return
    }
    save.mutate(checked.input, {
      onSuccess: onDone,
      onError: (error) => {
        setErrors(fieldErrorsFromAppError(toAppError(error)))
        focusFirstInvalid()
      },
    })
  }

  const encrypted = useAppInfo().data?.secretStorage.encrypted
  const stored = encrypted ? 'Stored encrypted on this computer' : 'Kept by the app on this computer'
  const secretHint = reentry ?? (keepsStoredSecret ? 'Leave empty to keep the stored secret.' : `${stored}; never shown again.`)

  return (
    <Card title={editing ? `Edit profile “${editing.name}”` : 'Add profile'} className="profile-form">
      <form ref={formRef} onSubmit={submit} noValidate aria-label={editing ? 'Edit profile' : 'Add profile'}>
        <div className="form-grid">
          <Field label="Name" error={errors.name}>
            {(control) => (
              <input {...control} className="input" value={values.name} onChange={(e) => set('name')(e.target.value)} autoComplete="off" />
            )}
          </Field>
          <Field label="Region" error={errors.region}>
            {(control) => <RegionSelect control={control} value={values.region} onChange={set('region')} />}
          </Field>
          <Field label="OAuth client id" error={errors.clientId} hint="From Admin › Integrations › OAuth, grant type Client Credentials.">
            {(control) => (
              <input
                {...control}
                className="input mono"
                value={values.clientId}
                onChange={(e) => set('clientId')(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field label="Client secret" error={errors.clientSecret} hint={secretHint}>
            {(control) => (
              <input
                {...control}
                type="password"
                className="input mono"
                value={values.clientSecret}
                onChange={(e) => set('clientSecret')(e.target.value)}
                autoComplete="new-password"
                placeholder={keepsStoredSecret ? 'Stored secret kept' : undefined}
              />
            )}
          </Field>
          <Field
            label="Gateway URL (optional)"
            error={errors.gatewayUrl}
            hint="Leave empty to use the region’s hosts. For a standalone sandbox (npm run sandbox) or a corporate gateway: https://…, or http://127.0.0.1:PORT."
          >
            {(control) => (
              <input
                {...control}
                className="input mono"
                value={values.gatewayUrl}
                onChange={(e) => set('gatewayUrl')(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                inputMode="url"
              />
            )}
          </Field>
        </div>
        {save.isError && <ErrorPanel error={save.error} title="The profile was not saved" />}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save
          </Button>
          <Button onClick={onCancel} disabled={save.isPending}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  )
}
