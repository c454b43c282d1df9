import type { KeyboardEvent } from 'react'

interface ColumnResizeHandleProps {
  label: string
  width: number
  minWidth: number
  maxWidth: number
  resizing: boolean
  /** Starts a drag (mouse or touch): the table follows the pointer until it is released. */
  onPointerStart: (event: unknown) => void
  onResize: (width: number) => void
  onReset: () => void
}

const STEP = 16
const BIG_STEP = 64

/**
 * The border at a column header's end, as a focusable window-splitter separator: drag it, or focus it
 * and use the arrow keys (Shift for bigger steps), Home and End for the least and most; double-click
 * or Enter gives the column its first width back.
 */
export function ColumnResizeHandle({
  label,
  width,
  minWidth,
  maxWidth,
  resizing,
  onPointerStart,
  onResize,
  onReset,
}: ColumnResizeHandleProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? BIG_STEP : STEP
    const next: Record<string, number> = {
      ArrowRight: width + step,
      ArrowLeft: width - step,
      Home: minWidth,
      End: maxWidth,
    }
    if (event.key in next) onResize(Math.max(minWidth, Math.min(maxWidth, next[event.key])))
    else if (event.key === 'Enter') onReset()
    else return
    // The grid moves the row selection on these keys: not while a column is being resized.
    event.preventDefault()
    event.stopPropagation()
  }
  return (
    // A window-splitter separator is focusable and takes keys: the ARIA pattern for resizing.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(width)}
      aria-valuemin={minWidth}
      aria-valuemax={maxWidth}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      className={`audit-resizer${resizing ? ' is-resizing' : ''}`}
      onMouseDown={onPointerStart}
      onTouchStart={onPointerStart}
      onDoubleClick={onReset}
      onKeyDown={onKeyDown}
    />
  )
}
