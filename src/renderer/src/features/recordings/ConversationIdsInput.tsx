import { useEffect, useRef, useState } from 'react'
import type { ParsedConversationIds } from '../../../../shared/contract/recordings'
import { formatBytes } from '../../../../shared/format'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { idsPreviewText, invalidLinesText } from './recordingWords'
import { useParseIds } from './useRecordings'

/** The core reads at most 8 MiB of text (ConversationIdsText). */
const MAX_TEXT_BYTES = 8 * 1024 * 1024
/** Typing pauses this long before the text is checked. */
const CHECK_DELAY_MS = 300

type Source = { kind: 'typed'; text: string } | { kind: 'file'; name: string; size: number; text: string }

interface ConversationIdsInputProps {
  onParsed: (parsed: ParsedConversationIds | null) => void
  problem?: string
}

/** Ids pasted or read from a .txt / .csv file in the page (File API); the core checks them and nothing is sent. */
export function ConversationIdsInput({ onParsed, problem }: ConversationIdsInputProps) {
  const [source, setSource] = useState<Source>({ kind: 'typed', text: '' })
  const [fileProblem, setFileProblem] = useState<string>()
  const fileInput = useRef<HTMLInputElement>(null)
  const parse = useParseIds()
  const { mutate, reset } = parse
  const latest = useRef(0)

  useEffect(() => {
    const text = source.text
    const request = ++latest.current
    if (!text.trim()) {
      reset()
      onParsed(null)
      return
    }
    const timer = setTimeout(
      () =>
        mutate(text, {
          // Only the answer for the text shown now counts: an earlier, slower one is dropped.
          onSuccess: (parsed) => request === latest.current && onParsed(parsed),
          onError: () => request === latest.current && onParsed(null),
        }),
      source.kind === 'file' ? 0 : CHECK_DELAY_MS,
    )
    return () => clearTimeout(timer)
  }, [source, mutate, reset, onParsed])

  const importFile = async (file: File) => {
    setFileProblem(undefined)
    if (file.size > MAX_TEXT_BYTES) {
      setFileProblem(
        `${file.name} is ${formatBytes(file.size)}; at most ${formatBytes(MAX_TEXT_BYTES)} of ids can be read at once. Split it.`,
      )
      return
    }
    try {
      setSource({ kind: 'file', name: file.name, size: file.size, text: await file.text() })
    } catch {
      setFileProblem(`${file.name} could not be read. Check that it is a text or CSV file you can open.`)
    }
  }

  const parsed = parse.data
  const current = parsed && latest.current > 0 && !parse.isPending
  return (
    <div className="rec-ids">
      {source.kind === 'typed' ? (
        <Field
          label="Conversation ids"
          error={problem ?? fileProblem}
          hint="One a line, or a CSV with a column of them. Nothing is sent until you choose Find."
        >
          {(control) => (
            <textarea
              {...control}
              className="input mono rec-ids-text"
              rows={6}
              value={source.text}
              spellCheck={false}
              onChange={(e) => setSource({ kind: 'typed', text: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <p className="rec-ids-file">
          Ids from <strong>{source.name}</strong> ({formatBytes(source.size)}).{' '}
          <Button small variant="ghost" onClick={() => setSource({ kind: 'typed', text: '' })}>
            Type or paste ids instead
          </Button>
        </p>
      )}
      <div className="rec-ids-actions">
        <Button small onClick={() => fileInput.current?.click()}>
          Import a .txt or .csv file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".txt,.csv,text/plain,text/csv"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="rec-ids-file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importFile(file)
          }}
        />
        {source.kind === 'file' && fileProblem && <span className="field-error">{fileProblem}</span>}
      </div>
      <div className="rec-ids-preview" role="status" aria-live="polite">
        {parse.isPending && 'Checking the ids…'}
        {current && <p className="rec-ids-count">{idsPreviewText(parsed)}</p>}
      </div>
      {current && parsed.invalidCount > 0 && (
        <ul className="rec-ids-invalid" aria-label="Invalid lines">
          {invalidLinesText(parsed).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {parse.isError && <ErrorPanel error={parse.error} title="The ids could not be checked" />}
    </div>
  )
}
