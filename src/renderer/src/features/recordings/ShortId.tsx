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

/** A small copy button whose glyph comes from CSS (so it adds no text to the cell); it says when it copied. */
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
    />
  )
}
