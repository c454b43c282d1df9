/** A column as the fitting sees it: the width the admin wants, the least it may get, and what may go. */
export interface FitColumn {
  id: string
  size: number
  minSize: number
  /** Columns that may be left out when even their least widths do not fit: highest goes first. 0 stays. */
  dropOrder: number
}

export interface FittedColumns {
  /** Widths in px of the columns shown, in order; they add up to `available` exactly. */
  widths: { id: string; width: number }[]
  /** Columns left out for room (their values stay in the details pane). */
  hidden: string[]
}

/**
 * Fits the columns into the table's width so nothing ever scrolls sideways. The widths the admin set
 * are kept as they are (so a drag moves a border by as much as the pointer) and the `flex` column takes
 * what is left; when they do not fit, the columns that may go are left out, least useful first (the
 * details pane still shows them); when the rest still does not fit, every column gives up the same
 * share of what it has above its least width.
 */
export function fitColumns(columns: FitColumn[], available: number, flex: string): FittedColumns {
  if (!(available > 0)) return { widths: columns.map((c) => ({ id: c.id, width: c.size })), hidden: [] }
  let shown = columns
  const hidden: string[] = []
  const sum = (list: FitColumn[], pick: (c: FitColumn) => number) => list.reduce((t, c) => t + pick(c), 0)
  while (sum(shown, (c) => c.size) > available) {
    const victim = shown.filter((c) => c.dropOrder > 0).sort((a, b) => b.dropOrder - a.dropOrder)[0]
    if (!victim) break
    hidden.push(victim.id)
    shown = shown.filter((c) => c !== victim)
  }
  const wanted = sum(shown, (c) => c.size)
  const least = sum(shown, (c) => c.minSize)
  const share = wanted <= available ? 1 : Math.max(0, (available - least) / Math.max(1, wanted - least))
  const widths = shown.map((c) => ({ id: c.id, width: Math.floor(c.minSize + (c.size - c.minSize) * share) }))
  const rest = available - widths.reduce((t, w) => t + w.width, 0)
  const flexColumn = widths.find((w) => w.id === flex) ?? widths[widths.length - 1]
  if (flexColumn && rest > 0) flexColumn.width += rest
  return { widths, hidden }
}
