import { useEffect, useId, useRef, type ReactNode } from 'react'
import { Button } from './Button'
import { ErrorPanel } from './ErrorPanel'

interface ConfirmDialogProps {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
  busy?: boolean
  /** The confirm button stays off until the caller's condition (e.g. a typed confirmation) is met. */
  confirmDisabled?: boolean
  error?: unknown
}

/** A modal <dialog>: focus is trapped by the browser, Escape cancels, Cancel has focus first. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  confirmDisabled,
  error,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      <h2 id={headingId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      {error != null && <ErrorPanel error={error} title="That did not work" />}
      <div className="dialog-actions">
        {/* A modal dialog moves focus into itself (WAI-ARIA dialog pattern), onto the safe choice. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <Button autoFocus onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} busy={busy} disabled={confirmDisabled}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  )
}
