import { useEffect, useMemo, useRef } from 'react'
import type { FlowRow } from '../../../../shared/contract/flows'
import { VirtualTable } from '../../ui/VirtualTable'
import { FlowRowCells } from './FlowRowCells'
import { useFlowsWorkspace } from './flowsWorkspace'

const CLASS_NAMES = {
  table: 'flows-table',
  headGroup: 'flows-head',
  headRow: 'flows-row',
  scroll: 'flows-scroll',
  row: (flow: FlowRow) => `flows-row${flow.problems.length > 0 ? ' flows-row-problem' : ''}`,
}

/** Every flow listed, problems on their rows; only the rows in view are in the page. */
export function FlowTable({ flows, selectable }: { flows: FlowRow[]; selectable: string[] }) {
  const selected = useFlowsWorkspace((s) => s.selectedFlows)
  const setSelected = useFlowsWorkspace((s) => s.setSelectedFlows)
  const selectableSet = useMemo(() => new Set(selectable), [selectable])
  const chosen = selectable.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0)
  const all = selectable.length > 0 && chosen === selectable.length
  const selectAll = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen > 0 && !all
  }, [chosen, all])

  return (
    <VirtualTable
      label="Flows"
      items={flows}
      estimatedRowHeight={48}
      classNames={CLASS_NAMES}
      columns={
        <>
          <div role="columnheader" className="flows-cell flows-select">
            <input
              ref={selectAll}
              type="checkbox"
              aria-label="Select every readable flow"
              checked={all}
              disabled={selectable.length === 0}
              onChange={(e) => setSelected(new Set(e.target.checked ? selectable : []))}
            />
          </div>
          <div role="columnheader" className="flows-cell">
            Flow
          </div>
          <div role="columnheader" className="flows-cell">
            Type
          </div>
          <div role="columnheader" className="flows-cell">
            Division
          </div>
          <div role="columnheader" className="flows-cell">
            Versions
          </div>
          {/* Each row's problems run along its second line: the header names the column for screen readers only. */}
          <div role="columnheader" className="sr-only">
            Problems
          </div>
        </>
      }
      renderCells={(flow) => <FlowRowCells flow={flow} selectable={selectableSet.has(flow.id)} />}
    />
  )
}
