import { z } from 'zod'

/** Per user: this browser profile's (or the app's) local storage, so widths survive restarts. */
const STORAGE_KEY = 'switchboard.audit.columnWidths.v1'
const WidthsSchema = z.record(z.string(), z.number().int().positive().max(2000))

export type ColumnWidths = z.infer<typeof WidthsSchema>

/** The widths the admin set last time; nothing when none were saved or the saved value is not usable. */
export function loadColumnWidths(): ColumnWidths {
  try {
    const parsed = WidthsSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}'))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export function saveColumnWidths(widths: ColumnWidths): void {
  try {
    const rounded = Object.fromEntries(Object.entries(widths).map(([id, w]) => [id, Math.round(w)]))
    localStorage.setItem(STORAGE_KEY, JSON.stringify(rounded))
  } catch {
    // Storage full or blocked: the widths still hold for this session.
  }
}
