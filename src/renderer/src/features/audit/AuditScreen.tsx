import { useMemo, useRef, useState } from 'react'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Button } from '../../ui/Button'
import { Tabs, type TabItem } from '../../ui/Tabs'
import { isFiltering, filterKey, toAuditFilter, useAuditWorkspace, type AuditTab } from './auditWorkspace'
import { EntryDetails } from './EntryDetails'
import { EntryTable, type EntryTableHandle } from './EntryTable'
import { ExportPanel } from './ExportPanel'
import { FilterBar } from './FilterBar'
import { MetricsView } from './MetricsView'
import { RetentionView } from './RetentionView'
import { useEntryWindow } from './useEntryWindow'
import { useVerify } from './useAudit'
import { VerifyButton, VerifyResult } from './VerifyPanel'
import './audit.css'

const TABS: TabItem<AuditTab>[] = [
  { id: 'log', label: 'Entries' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'retention', label: 'Retention' },
]

/** The audit log viewer: search and filter the entries, verify the chain, export, metrics and retention. */
export function AuditScreen() {
  const tab = useAuditWorkspace((s) => s.tab)
  const setTab = useAuditWorkspace((s) => s.setTab)
  const applied = useAuditWorkspace((s) => s.applied)
  const filter = useMemo(() => toAuditFilter(applied), [applied])
  const filtering = isFiltering(applied)

  return (
    <div className="audit-screen">
      <ScreenHeader title="Audit log">
        <p>
          Everything Switchboard did, one hash-chained line per API call and workflow step. Filter it, check that nothing was altered, chart
          it, and export it for a compliance review.
        </p>
      </ScreenHeader>
      <Tabs label="Audit log views" idPrefix="audit" tabs={TABS} selected={tab} onSelect={setTab} panelClassName="audit-panel">
        {tab !== 'retention' && <FilterBar />}
        {tab === 'log' && <LogView key={filterKey(filter)} filter={filter} filtering={filtering} />}
        {tab === 'metrics' && <MetricsView filter={filter} filtering={filtering} />}
        {tab === 'retention' && <RetentionView />}
      </Tabs>
    </div>
  )
}

function LogView({ filter, filtering }: { filter: ReturnType<typeof toAuditFilter>; filtering: boolean }) {
  const entries = useEntryWindow(filter)
  const verify = useVerify()
  const selected = useAuditWorkspace((s) => s.selected)
  const detailsOpen = useAuditWorkspace((s) => s.detailsOpen && s.selected !== undefined)
  const setDetailsOpen = useAuditWorkspace((s) => s.setDetailsOpen)
  const [exporting, setExporting] = useState(false)
  const detailsRef = useRef<HTMLHeadingElement>(null)
  const tableRef = useRef<EntryTableHandle>(null)

  const openDetails = () => {
    setDetailsOpen(true)
    // The pane mounts on this render: focus its heading once it is there.
    requestAnimationFrame(() => detailsRef.current?.focus())
  }
  const closeDetails = () => {
    setDetailsOpen(false)
    tableRef.current?.focusActiveRow()
  }
  return (
    <>
      <div className="audit-toolbar">
        <VerifyButton verify={verify} />
        <Button onClick={() => setExporting((v) => !v)} aria-expanded={exporting} aria-controls={exporting ? 'audit-export' : undefined}>
          {exporting ? 'Hide export' : filtering ? 'Export these entries…' : 'Export…'}
        </Button>
      </div>
      <VerifyResult verify={verify} />
      {exporting && (
        <div id="audit-export">
          <ExportPanel filter={filter} filtering={filtering} matching={Math.max(0, entries.total)} />
        </div>
      )}
      <div className={`audit-log-body${detailsOpen ? ' has-details' : ''}`}>
        <EntryTable
          ref={tableRef}
          entries={entries}
          filtering={filtering}
          onOpen={openDetails}
          onClose={() => detailsOpen && closeDetails()}
          onRowClick={() => setDetailsOpen(true)}
        />
        {detailsOpen && selected && <EntryDetails ref={detailsRef} entry={selected} onClose={closeDetails} />}
      </div>
    </>
  )
}
