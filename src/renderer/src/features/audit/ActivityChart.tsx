import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { ActivityBucket } from '../../../../shared/contract/audit'
import { useThemeColors } from './useThemeColors'

interface ActivityChartProps {
  activity: ActivityBucket[]
  bucketSeconds: number
  /** Describes the chart for screen readers (the table below has the figures). */
  label: string
}

const HEIGHT = 220

/** Entries per time bucket as bars, errors as a line over them, drawn with uPlot on a canvas. */
export function ActivityChart({ activity, bucketSeconds, label }: ActivityChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const colors = useThemeColors()

  useEffect(() => {
    const el = host.current
    if (!el || activity.length === 0) return
    const times = activity.map((b) => Date.parse(b.start) / 1000)
    const totals = activity.map((b) => b.total)
    const problems = activity.map((b) => b.outcomes.error + b.outcomes.retry)
    const axis = {
      stroke: colors['--muted'],
      grid: { stroke: colors['--border'], width: 1 },
      ticks: { stroke: colors['--border'], width: 1 },
    }
    const bars = uPlot.paths.bars?.({ size: [0.8, 40], align: 1 })
    const chart = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: HEIGHT,
        padding: [8, 8, 0, 0],
        legend: { show: true },
        cursor: { points: { show: false } },
        // Explicit ranges: uPlot's own guess spans years when there is a single bucket.
        scales: {
          x: { time: true, range: () => [times[0], times[times.length - 1] + bucketSeconds] },
          y: { range: () => [0, Math.max(1, ...totals) * 1.1] },
        },
        axes: [{ ...axis }, { ...axis, size: 50 }],
        series: [
          {},
          {
            label: 'Entries',
            stroke: colors['--accent'],
            fill: colors['--accent'].replace('rgb(', 'rgba(').replace(')', ', 0.35)'),
            paths: bars,
            points: { show: false },
          },
          { label: 'Errors and retries', stroke: colors['--danger'], width: 2, points: { show: false } },
        ],
      },
      [times, totals, problems],
      el,
    )
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [activity, bucketSeconds, colors])

  return <div ref={host} className="audit-chart" role="img" aria-label={label} style={{ minHeight: HEIGHT + 30 }} />
}
