import type { SavedResults } from './contract/privacy'

export interface SavedResultFile {
  /** Position in this list: how the web shell's download route names the file (never by its path). */
  item: number
  path: string
  kind: 'json' | 'csv'
}

/** The files of one save in a fixed order (each result, then its CSV copies): the same on both sides. */
export function savedResultFiles(save: SavedResults): SavedResultFile[] {
  const paths = save.files.flatMap((file) => [
    { path: file.path, kind: 'json' as const },
    ...file.csvPaths.map((path) => ({ path, kind: 'csv' as const })),
  ])
  return paths.map((entry, item) => ({ item, ...entry }))
}

/** The web shell's address of a saved file, by request id and positions. */
export function savedResultUrl(requestId: string, save: number, item: number): string {
  return `/api/privacy-results/${encodeURIComponent(requestId)}/${save}/${item}`
}
