import { useEffect, useState } from 'react'
import { copyText } from '../../ui/copyText'

interface ShortIdProps {
  /** The whole id (a conversation id is a 36-character UUID). */
  id: string
  /** What it is, for the copy button's name: "conversation id". */
  what: string
}

/**
 * A long id in one line: its first characters in monospace, cut with an ellipsis by CSS. The whole id is
 * the element's text (screen readers, the row's name, a text selection get all of it) and its tooltip;
 * the button beside it copies it, so it is readable and copyable from the keyboard too.
 */
export function ShortId({ id, what }: ShortIdProps) {
  return (
    <span className="rec-id">
      <code className="rec-id-text" title={id}>
        {id}
      </code>
      <CopyIdButton text={id} label={`Copy ${what} ${id}`} />
    </span>
  )
}

/** A small copy button; its icon is an SVG (no text added to the cell's); it says when it copied. */
export function CopyIdButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  const said = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : ''
  return (
    <button
      type="button"
      className={`rec-id-copy rec-id-copy-${state}`}
      aria-label={said ? `${label}: ${said}` : label}
      title={said || 'Copy'}
      onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        {state === 'copied' ? (
          <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <>
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path
              d="M10.5 3.5v-0.5a1.5 1.5 0 0 0-1.5-1.5h-5a1.5 1.5 0 0 0-1.5 1.5v5a1.5 1.5 0 0 0 1.5 1.5h0.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
            />
          </>
        )}
      </svg>
    </button>
  )
}
