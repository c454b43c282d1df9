export type ProgressTone = 'active' | 'done' | 'failed' | 'idle'

interface ProgressBarProps {
  /** 0 to 100. */
  percent: number
  label: string
  tone?: ProgressTone
}

/** One progress bar for every long job (uploads, exports): same look, same accessible semantics. */
export function ProgressBar({ percent, label, tone = 'active' }: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <div className="progress-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
      <div className={`progress-bar-fill progress-${tone}`} style={{ width: `${value}%` }} />
    </div>
  )
}
