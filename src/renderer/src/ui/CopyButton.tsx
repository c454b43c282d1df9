import { useEffect, useState } from 'react'
import { Button } from './Button'
import { copyText } from './copyText'

type CopyState = 'idle' | 'copied' | 'failed'

/** Copies `text`; its label says what (e.g. "Copy correlation id") and the outcome is announced. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  return (
    <span className="copy">
      <Button small aria-label={label} onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}>
        Copy
      </Button>
      <span className="copy-state" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : ''}
      </span>
    </span>
  )
}
