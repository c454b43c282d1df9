import type { PlanItem } from '../../../../shared/contract/prompts'
import { formatBytes } from '../../../../shared/format'
import { Identifier } from '../../ui/Identifier'
import { ACTION_WORDS, formatPromptLength, uploadStatusWord } from './promptWords'
import { usePromptsWorkspace } from './promptsWorkspace'

/** One dropped file: where it goes, and what happens there (asked, for a language the prompt has). */
export function PlanRowCells({ item }: { item: PlanItem }) {
  const leftOut = usePromptsWorkspace((s) => s.leftOut.has(item.key))
  const leaveOut = usePromptsWorkspace((s) => s.leaveOut)
  const refused = item.action === 'refused'
  return (
    <>
      <div role="cell" className="prompt-cell">
        {!refused && (
          <input
            type="checkbox"
            className="prompt-send"
            checked={!leftOut}
            aria-label={`Send ${item.fileName}`}
            onChange={(e) => leaveOut(item.key, !e.target.checked)}
          />
        )}
      </div>
      <div role="rowheader" className="prompt-cell prompt-file" title={item.path}>
        <Identifier text={item.fileName} />
        {item.source === 'manifest' && <span className="prompt-source"> · from the manifest</span>}
      </div>
      <div role="cell" className="prompt-cell prompt-name">
        <Identifier text={item.promptName || '—'} />
        {item.description && <span className="prompt-description">{item.description}</span>}
      </div>
      <div role="cell" className="prompt-cell mono">
        {item.language || '—'}
      </div>
      <div role="cell" className="prompt-cell num">
        {formatBytes(item.size)}
        {item.durationSeconds !== undefined && (
          <span className="prompt-length">
            <span className="sr-only">, length </span>
            {formatPromptLength(item.durationSeconds)}
          </span>
        )}
      </div>
      <div role="cell" className="prompt-cell">
        <span className={`prompt-action prompt-action-${item.action}`}>{ACTION_WORDS[item.action]}</span>
        <ActionDetail item={item} disabled={leftOut} />
      </div>
    </>
  )
}

function ActionDetail({ item, disabled }: { item: PlanItem; disabled: boolean }) {
  const choice = usePromptsWorkspace((s) => s.choices[item.key] ?? 'skip')
  const choose = usePromptsWorkspace((s) => s.choose)
  if (item.action === 'refused') {
    return (
      <p className="prompt-refusal">
        {item.refusal ?? 'Refused.'}
        {item.hint && <span className="prompt-hint"> What to do: {item.hint}</span>}
      </p>
    )
  }
  if (item.action !== 'replace') return null
  const group = `replace-${item.key}`
  return (
    <fieldset className="prompt-choice" disabled={disabled}>
      <legend className="sr-only">
        {item.promptName} has {item.language} already ({uploadStatusWord(item.existingStatus)})
      </legend>
      <span className="prompt-existing">Has it: {uploadStatusWord(item.existingStatus)}</span>
      <label className="radio">
        <input type="radio" name={group} checked={choice === 'replace'} onChange={() => choose(item.key, 'replace')} />
        Replace
      </label>
      <label className="radio">
        <input type="radio" name={group} checked={choice === 'skip'} onChange={() => choose(item.key, 'skip')} />
        Skip
      </label>
    </fieldset>
  )
}
