import { useState, type FormEvent } from 'react'
import type { PromptSummary } from '../../../../shared/contract/prompts'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { EmptyState } from '../../ui/EmptyState'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Identifier } from '../../ui/Identifier'
import { PromptExport } from './PromptExport'
import { PromptPlayer, usePromptAudio } from './PromptPlayer'
import { formatPromptLength, uploadStatusWord } from './promptWords'
import { usePromptsWorkspace } from './promptsWorkspace'
import { usePromptLibrary } from './usePrompts'

/** The org's prompts: searched by name, a page at a time, each language with its status, played here, exported as CSV. */
export function PromptLibrary() {
  const { name, pageNumber } = usePromptsWorkspace((s) => s.library)
  const { searchLibrary, showPage } = usePromptsWorkspace.getState()
  const [draft, setDraft] = useState(name)
  const [exporting, setExporting] = useState(false)
  const page = usePromptLibrary(name, pageNumber)
  const audio = usePromptAudio()

  const onSearch = (event: FormEvent) => {
    event.preventDefault()
    searchLibrary(draft.trim())
  }

  return (
    <Card
      title="The org’s prompts"
      className="prompt-library"
      actions={
        <Button small onClick={() => setExporting((v) => !v)} aria-expanded={exporting}>
          {exporting ? 'Hide export' : 'Export CSV…'}
        </Button>
      }
    >
      <form className="prompt-search" role="search" aria-label="Search prompts" onSubmit={onSearch}>
        <label htmlFor="prompt-search-name" className="field-label">
          Name
        </label>
        <input
          id="prompt-search-name"
          className="input"
          value={draft}
          placeholder="Part of a name; * matches anything"
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit">Search</Button>
      </form>
      {exporting && <PromptExport name={name} />}
      <PromptPlayer audio={audio} />
      {page.isError && <ErrorPanel error={page.error} title="The org’s prompts could not be listed" />}
      {page.data && page.data.prompts.length === 0 && (
        <EmptyState title={name ? `No prompt matches “${name}”` : 'This org has no prompts yet'}>
          {name ? 'Search for another name, or clear the search.' : 'Upload some above.'}
        </EmptyState>
      )}
      {page.data && page.data.prompts.length > 0 && (
        <>
          <table className="prompt-library-table" aria-label="Prompts" aria-busy={page.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col">Prompt</th>
                <th scope="col">Languages</th>
              </tr>
            </thead>
            <tbody>
              {page.data.prompts.map((p) => (
                <PromptRow key={p.id} prompt={p} onPlay={audio.play} playing={audio.playing} />
              ))}
            </tbody>
          </table>
          <nav className="prompt-pager" aria-label="Prompt pages">
            <Button small onClick={() => showPage(pageNumber - 1)} disabled={pageNumber <= 1}>
              Previous
            </Button>
            <span className="num">
              Page {page.data.pageNumber} of {Math.max(1, page.data.pageCount)} · {page.data.total} prompt{page.data.total === 1 ? '' : 's'}
            </span>
            <Button small onClick={() => showPage(pageNumber + 1)} disabled={pageNumber >= page.data.pageCount}>
              Next
            </Button>
          </nav>
        </>
      )}
    </Card>
  )
}

interface PromptRowProps {
  prompt: PromptSummary
  onPlay(prompt: PromptSummary, language: string): void
  playing: { promptId: string; language: string } | null
}

function PromptRow({ prompt, onPlay, playing }: PromptRowProps) {
  return (
    <tr>
      <th scope="row" className="prompt-library-name">
        <Identifier text={prompt.name} />
        {prompt.description && <span className="prompt-description">{prompt.description}</span>}
      </th>
      <td>
        {prompt.resources.length === 0 && <span className="muted">No languages</span>}
        <ul className="prompt-languages">
          {prompt.resources.map((r) => (
            <li key={r.language} className="prompt-language-item">
              <span className="mono">{r.language}</span>
              <span className={`prompt-status prompt-status-${statusTone(r.uploadStatus)}`}>{uploadStatusWord(r.uploadStatus)}</span>
              {r.durationSeconds !== undefined && <span className="muted num">{formatPromptLength(r.durationSeconds)}</span>}
              {r.hasMedia && (
                <Button
                  small
                  variant="ghost"
                  aria-label={`Play ${prompt.name} ${r.language}`}
                  aria-pressed={playing?.promptId === prompt.id && playing.language === r.language}
                  onClick={() => onPlay(prompt, r.language)}
                >
                  Play
                </Button>
              )}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  )
}

function statusTone(status: string | undefined): 'done' | 'failed' | 'busy' | 'other' {
  if (status === 'transcoded') return 'done'
  if (status === 'transcodeFailed') return 'failed'
  if (status === 'created' || status === 'uploaded') return 'busy'
  return 'other'
}
