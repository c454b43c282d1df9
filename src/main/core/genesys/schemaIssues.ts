import type { z } from 'zod'

/** Where and how an answer differs from the schema; zod's messages name types, never the values. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const listed = error.issues.slice(0, max).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : ''
  return listed.join('; ') + more
}
