import { useMemo } from 'react'
import type { PlanItem, PromptPlan } from '../../../../shared/contract/prompts'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { VirtualTable } from '../../ui/VirtualTable'
import { PlanRowCells } from './PlanRow'
import { PlanSideNotes } from './PlanSideNotes'
import { itemsToSend, startChoices } from './promptWords'
import { usePromptsWorkspace } from './promptsWorkspace'
import { useStartBatch } from './usePrompts'

type Row = PlanItem & { id: string }

const CLASS_NAMES = {
  table: 'prompt-table',
  headGroup: 'prompt-head',
  headRow: 'prompt-plan-row',
  scroll: 'prompt-scroll',
  row: (row: Row) => `prompt-plan-row prompt-plan-row-${row.action}`,
}

/** What a Start would do with each dropped file, the replace questions, and what was refused or ignored and why. */
export function PlanReview() {
  const plan = usePromptsWorkspace((s) => s.plan)
  const localRefusals = usePromptsWorkspace((s) => s.localRefusals)
  if (!plan && localRefusals.length === 0) return null
  return (
    <Card title="Review" className="prompt-review">
      {plan ? <PlanBody plan={plan} /> : <PlanSideNotes plan={null} localRefusals={localRefusals} />}
    </Card>
  )
}

function PlanBody({ plan }: { plan: PromptPlan }) {
  const { choices, leftOut, localRefusals, chooseAll, clear } = usePromptsWorkspace()
  const start = useStartBatch()
  const rows = useMemo<Row[]>(() => plan.items.map((i) => ({ ...i, id: i.key })), [plan.items])
  const count = (action: PlanItem['action']) => plan.items.filter((i) => i.action === action).length
  const asked = count('replace')
  const sending = itemsToSend(plan.items, choices, leftOut)

  const onStart = () =>
    start.mutate(
      { planId: plan.id, ...startChoices(plan.items, choices, leftOut) },
      { onSuccess: () => usePromptsWorkspace.getState().clear() },
    )

  return (
    <>
      <p className="prompt-review-counts" role="status">
        {plan.items.length} file{plan.items.length === 1 ? '' : 's'}: {count('create')} new prompt language
        {count('create') === 1 ? '' : 's'}, {count('add-language')} added to existing prompts, {asked} replacing an existing language,{' '}
        {count('refused') + localRefusals.length} refused. Files without a language: <code>{plan.defaultLanguage}</code>.
      </p>
      {!plan.orgChecked && (
        <Banner level="warning" title="The org’s prompts could not be checked.">
          {plan.orgProblem ?? 'The reason was not given.'} Every prompt is shown as new; the batch looks each name up again before it
          creates anything, so nothing is created twice.
        </Banner>
      )}
      {asked > 0 && (
        <div className="prompt-apply-all" role="group" aria-label="Apply to all replace items">
          <span>
            {asked} file{asked === 1 ? ' has' : 's have'} a language the prompt already has. Apply to all:
          </span>
          <Button small onClick={() => chooseAll('replace')}>
            Replace all
          </Button>
          <Button small onClick={() => chooseAll('skip')}>
            Skip all
          </Button>
        </div>
      )}
      {rows.length > 0 && (
        <VirtualTable
          label="Prompt files"
          items={rows}
          estimatedRowHeight={44}
          classNames={CLASS_NAMES}
          columns={
            <>
              <div role="columnheader" className="prompt-cell">
                Send
              </div>
              <div role="columnheader" className="prompt-cell">
                File
              </div>
              <div role="columnheader" className="prompt-cell">
                Prompt
              </div>
              <div role="columnheader" className="prompt-cell">
                Language
              </div>
              <div role="columnheader" className="prompt-cell">
                Size
              </div>
              <div role="columnheader" className="prompt-cell">
                Action
              </div>
            </>
          }
          renderCells={(row) => <PlanRowCells item={row} />}
        />
      )}
      <PlanSideNotes plan={plan} localRefusals={localRefusals} />
      <div className="form-actions">
        <Button variant="primary" onClick={onStart} busy={start.isPending} disabled={sending === 0}>
          Upload {sending} prompt file{sending === 1 ? '' : 's'}
        </Button>
        <Button onClick={clear} disabled={start.isPending}>
          Clear the review
        </Button>
      </div>
      {start.isError && <ErrorPanel error={start.error} title="The batch could not start" />}
    </>
  )
}
