import { useRef } from 'react'
import { Button } from '../../ui/Button'

/** Picks a JSON file (a DataSchema, its jsonSchema, or an exported review) to review as the proposal. */
export function ImportProposalButton({ onPick, busy }: { onPick: (file: File) => void; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Proposed schema file"
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) onPick(file)
        }}
      />
      <Button onClick={() => input.current?.click()} busy={busy}>
        Import proposed schema…
      </Button>
    </>
  )
}
