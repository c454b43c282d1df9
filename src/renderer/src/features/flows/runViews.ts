/**
 * Archive runs and exports reach the screen three ways: the answer to a start, the answer to a list, and
 * the change signals. They can arrive in any order (a run can finish before its start is answered), so
 * the screen keeps, for each run, the view with the highest revision the core gave it: a higher one is
 * never older.
 */
type Numbered = { id: string; revision: number }

/** The newer of two views of one run; a view of another run replaces it. */
export function newerRunView<T extends Numbered>(current: T | undefined, next: T): T {
  return current !== undefined && current.id === next.id && current.revision > next.revision ? current : next
}

/** One view (a signal's, a start's answer) in the list: in place of its run's unless that one is newer; first when new. */
export function withRunView<T extends Numbered>(list: T[] | undefined, view: T): T[] {
  const held = list ?? []
  const index = held.findIndex((item) => item.id === view.id)
  if (index === -1) return [view, ...held]
  if (newerRunView(held[index], view) === held[index]) return held
  const next = held.slice()
  next[index] = view
  return next
}

/**
 * A list's answer over what the screen holds: each run's newer view. A run the answer lacks was removed
 * (cleared), unless the screen heard of it after the list was built: its revision is above every one in
 * the answer (an empty answer tells nothing of when it was built, and clears all).
 */
export function withRunList<T extends Numbered>(held: T[] | undefined, answer: T[]): T[] {
  if (!held || answer.length === 0) return answer
  const builtAt = Math.max(...answer.map((view) => view.revision))
  const heldById = new Map(held.map((view) => [view.id, view]))
  const answered = new Set(answer.map((view) => view.id))
  const later = held.filter((view) => !answered.has(view.id) && view.revision > builtAt)
  return [...later, ...answer.map((view) => newerRunView(heldById.get(view.id), view))]
}
