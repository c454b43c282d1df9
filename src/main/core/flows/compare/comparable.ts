/**
 * Refuses configurations the diff should not take on: nested deeper than any flow is (the diff recurses),
 * or with more values than any flow has (its array matching grows with the product of two lengths).
 */
import { AppError } from '../../../../shared/errors'

export const COMPARE_LIMITS = { maxDepth: 200, maxValues: 2_000_000, maxArrayLength: 20_000 } as const

export function assertComparable(value: unknown, label: string): void {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  let values = 0
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!
    values += 1
    if (depth > COMPARE_LIMITS.maxDepth || values > COMPARE_LIMITS.maxValues) throw tooLarge(label)
    if (typeof current !== 'object' || current === null) continue
    const children = Array.isArray(current) ? (current as unknown[]) : Object.values(current)
    if (Array.isArray(current) && current.length > COMPARE_LIMITS.maxArrayLength) throw tooLarge(label)
    for (const child of children) stack.push({ value: child, depth: depth + 1 })
  }
}

function tooLarge(label: string): AppError {
  return new AppError({
    code: 'invalid_input',
    message: `${label} is larger or deeper than any flow configuration Switchboard can compare.`,
    hint: `Compare at most ${COMPARE_LIMITS.maxValues.toLocaleString('en')} values, ${COMPARE_LIMITS.maxDepth} levels deep, with lists of at most ${COMPARE_LIMITS.maxArrayLength.toLocaleString('en')} items. Export the flows instead to compare them with another tool.`,
  })
}
