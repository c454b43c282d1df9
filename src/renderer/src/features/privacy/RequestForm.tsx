import { useRef, useState, type FormEvent } from 'react'
import {
  GDPR_REQUEST_TYPES,
  SUBMIT_CREATION_UNKNOWN,
  SUBMIT_NOT_CREATED,
  type KnownGdprRequestType,
} from '../../../../shared/contract/privacy'
import { toAppError } from '../../../../shared/errors'
import { checkPrivacyRequest } from '../../../../shared/privacyRules'
import { Badge } from '../../ui/Badge'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { DeleteConfirmDialog } from './DeleteConfirmDialog'
import { IdentifierFields } from './IdentifierFields'
import { REQUEST_TYPE_WORDS } from './privacyWords'
import { ReplacementTermsEditor } from './ReplacementTermsEditor'
import {
  errorsFromProblems,
  hasErrors,
  problemsFromDetails,
  subjectOf,
  submitInputOf,
  type DraftErrors,
  type RequestDraft,
} from './requestDraft'
import { usePrivacyWorkspace } from './privacyWorkspace'
import { useRefreshFromOrg, useSubmitRequest } from './usePrivacy'

/** Choose the request, check it, send it; a delete only after its typed confirmation. */
export function RequestForm({ draft }: { draft: RequestDraft }) {
  const { kinds, update, submitted, close } = usePrivacyWorkspace()
  const submit = useSubmitRequest()
  const refresh = useRefreshFromOrg()
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<DraftErrors>({})
  const [confirming, setConfirming] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)

  const localErrors = tried
    ? errorsFromProblems(
        checkPrivacyRequest({
          requestType: draft.requestType,
          subject: subjectOf(draft),
          replacementTerms: draft.requestType === 'GDPR_UPDATE' ? draft.terms : [],
        }),
      )
    : {}
  const errors: DraftErrors = { ...serverErrors, ...localErrors }

  const change = (next: Partial<RequestDraft>) => {
    setServerErrors({})
    submit.reset()
    update(next)
  }

  const send = (confirmation?: string) =>
    submit.mutate(submitInputOf(draft, confirmation), {
      onSuccess: (result) => {
        setConfirming(false)
        submitted(result.request.id, result.foundAfterFailure)
      },
      onError: (error) => {
        const problems = problemsFromDetails(toAppError(error).details).filter((p) => p.field !== 'confirmation')
        setServerErrors(errorsFromProblems(problems))
        if (problems.length > 0) setConfirming(false)
      },
    })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    const problems = checkPrivacyRequest({
      requestType: draft.requestType,
      subject: subjectOf(draft),
      replacementTerms: draft.requestType === 'GDPR_UPDATE' ? draft.terms : [],
    })
    if (hasErrors(errorsFromProblems(problems))) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    if (draft.requestType === 'GDPR_DELETE') setConfirming(true)
    else send()
  }

  const failure = submit.isError && !confirming ? toAppError(submit.error) : undefined
  const failureCode = failure?.details?.[0]?.errorCode
  const name = subjectOf(draft).name
  const words = REQUEST_TYPE_WORDS[draft.requestType]

  return (
    <Card title={name ? `New request for ${name}` : 'New request'} className="privacy-form">
      {kinds.length > 0 && (
        <p className="privacy-kinds">
          <span className="muted">This subject is:</span>
          {kinds.map((kind) => (
            <Badge key={kind} tone="accent">
              {kind}
            </Badge>
          ))}
        </p>
      )}
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="New privacy request">
        <fieldset className="radio-group privacy-types">
          <legend>Request</legend>
          {GDPR_REQUEST_TYPES.map((type) => (
            <label key={type} className="privacy-type">
              <span className="radio">
                <input
                  type="radio"
                  name="requestType"
                  value={type}
                  checked={draft.requestType === type}
                  onChange={() => change({ requestType: type as KnownGdprRequestType })}
                />
                {REQUEST_TYPE_WORDS[type].label}
              </span>
              <span className="muted privacy-type-explain">{REQUEST_TYPE_WORDS[type].explain}</span>
            </label>
          ))}
        </fieldset>
        <IdentifierFields draft={draft} errors={errors} onChange={change} />
        {draft.requestType === 'GDPR_UPDATE' && (
          <ReplacementTermsEditor terms={draft.terms} errors={errors} onChange={(terms) => change({ terms })} />
        )}
        {failure && (
          <div className="privacy-submit-failure">
            <ErrorPanel error={failure} title="The request was not submitted" />
            {failureCode === SUBMIT_NOT_CREATED && (
              <Button variant="primary" onClick={() => send()}>
                Submit again
              </Button>
            )}
            {failureCode === SUBMIT_CREATION_UNKNOWN && (
              <Button onClick={() => refresh.mutate()} busy={refresh.isPending}>
                Refresh from org
              </Button>
            )}
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant={draft.requestType === 'GDPR_DELETE' ? 'danger' : 'primary'} busy={submit.isPending && !confirming}>
            {draft.requestType === 'GDPR_DELETE' ? 'Submit delete request…' : `Submit ${words.label.toLowerCase()} request`}
          </Button>
          <Button onClick={close} disabled={submit.isPending}>
            Cancel
          </Button>
        </div>
      </form>
      <DeleteConfirmDialog
        open={confirming}
        subject={subjectOf(draft)}
        busy={submit.isPending}
        error={confirming && submit.isError ? submit.error : undefined}
        onConfirm={(typed) => send(typed)}
        onCancel={() => {
          setConfirming(false)
          submit.reset()
        }}
      />
    </Card>
  )
}
