import { useEffect, useRef } from 'react'
import type { WebhookSecretShown } from '../../../../shared/contract/webhooks'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { DateTime } from '../../ui/DateTime'

/** The signing secret of an endpoint just added or rotated: shown this once, with a Copy button. */
export function SecretPanel({ shown, onDone }: { shown: WebhookSecretShown; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  // The panel replaces the form the admin was in: focus follows, so a screen reader hears it at once.
  useEffect(() => heading.current?.focus(), [shown.secret])
  const grace = shown.endpoint.previousSecretExpiresAt
  return (
    <section className="wh-secret" aria-labelledby="wh-secret-title">
      <h3 id="wh-secret-title" ref={heading} tabIndex={-1}>
        Signing secret of “{shown.endpoint.name}”
      </h3>
      <p className="wh-secret-warning">
        <strong>Copy it now: you won’t see it again.</strong> Switchboard keeps it sealed and never shows it a second time; if it is lost,
        rotate the secret.
      </p>
      <div className="wh-secret-value">
        <code data-testid="webhook-secret">{shown.secret}</code>
        <CopyButton text={shown.secret} label="Copy signing secret" />
      </div>
      <p className="muted">
        The receiver checks each request’s <code>webhook-signature</code> header with this secret (Standard Webhooks).
        {grace && (
          <>
            {' '}
            The previous secret keeps signing beside it until <DateTime iso={grace} />.
          </>
        )}
      </p>
      <div className="form-actions">
        <Button variant="primary" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </section>
  )
}
