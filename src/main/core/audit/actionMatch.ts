/**
 * How the action filter matches, as the filter's help text says: case-insensitive, an action matches
 * when the query starts the action or starts any of its words, words being separated by dots and
 * underscores. "recording.upload" finds recording.upload.refused; "refused" and "refu" find it too;
 * "upload.ref" finds it (it starts at the word "upload"); "load" does not (it starts mid-word).
 */
const WORD_SEPARATOR = /[._]/

export function normalizeActionQuery(query: string | undefined): string | undefined {
  const q = query?.trim().toLowerCase()
  return q ? q : undefined
}

/** `query` must come from normalizeActionQuery. */
export function actionMatches(action: string, query: string): boolean {
  const a = action.toLowerCase()
  if (a.startsWith(query)) return true
  for (let i = 0; i < a.length; i++) {
    if (WORD_SEPARATOR.test(a[i]) && a.startsWith(query, i + 1)) return true
  }
  return false
}
