import type { ReactNode } from 'react'
import { Field } from '../../ui/Field'
import { presetRange, RANGE_PRESETS, type LocalRange } from './dateRange'
import { useRecordingsWorkspace } from './recordingsWorkspace'

interface DateRangeFieldsProps {
  range: LocalRange
  onChange: (range: LocalRange) => void
  problem?: { field: 'from' | 'to'; problem: string }
  /** More criteria, laid out beside the dates. */
  children?: ReactNode
}

/** From and to in the admin's own clock, with the usual presets. */
export function DateRangeFields({ range, onChange, problem, children }: DateRangeFieldsProps) {
  const preset = useRecordingsWorkspace((s) => s.preset)
  const setPreset = useRecordingsWorkspace((s) => s.setPreset)
  return (
    <>
      <div className="rec-presets" role="group" aria-label="Date range presets">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="btn btn-secondary btn-small rec-preset"
            aria-pressed={preset === p.id}
            onClick={() => {
              setPreset(p.id)
              onChange(presetRange(p.id, new Date()))
            }}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="rec-criteria">
        <Field label="From (your local time)" error={problem?.field === 'from' ? problem.problem : undefined}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="datetime-local"
              value={range.from}
              onChange={(e) => {
                setPreset('custom')
                onChange({ ...range, from: e.target.value })
              }}
            />
          )}
        </Field>
        <Field label="To (your local time)" error={problem?.field === 'to' ? problem.problem : undefined}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="datetime-local"
              value={range.to}
              onChange={(e) => {
                setPreset('custom')
                onChange({ ...range, to: e.target.value })
              }}
            />
          )}
        </Field>
        {children}
      </div>
    </>
  )
}
