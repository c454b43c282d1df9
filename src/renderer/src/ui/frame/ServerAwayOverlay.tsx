import { useEffect, useRef } from 'react'
import { StatusDot } from '../StatusDot'

/**
 * Web shell only: the server behind this page stopped. Covers the whole frame, so nothing behind it (a
 * green "Connected", "1 job running", a progress row) passes for current while it is away.
 */
export function ServerAwayOverlay({ attempt }: { attempt: number }) {
  const dialog = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.current?.focus()
    return () => {
      if (before?.isConnected) before.focus()
    }
  }, [])
  return (
    <div
      className="server-away"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="server-away-title"
      aria-describedby="server-away-hint"
    >
      <div className="server-away-card" ref={dialog} tabIndex={-1}>
        <h1 id="server-away-title">Switchboard’s server stopped.</h1>
        <p className="server-away-status" aria-live="polite">
          <StatusDot tone="busy" /> Reconnecting… (attempt {Math.max(1, attempt)})
        </p>
        <p id="server-away-hint">
          This page reconnects by itself once the server is back, at the same address. If it was closed, start it again with{' '}
          <code>npm start</code> (or <code>npm run web</code>) in the Switchboard folder.
        </p>
        <p className="muted">What this page showed may be out of date; it is read again when the server answers.</p>
      </div>
    </div>
  )
}
