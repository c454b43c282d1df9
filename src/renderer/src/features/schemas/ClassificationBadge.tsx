import type { Classification } from '../../../../shared/contract/schemas'

const WORDS: Record<Classification, string> = { safe: 'Safe', 'data-dependent': 'Data-dependent', destructive: 'Destructive' }

/** The class in words (never colour alone), with a symbol for quick scanning. */
export function ClassificationBadge({ value }: { value: Classification }) {
  const symbol = value === 'safe' ? '✓' : value === 'data-dependent' ? '!' : '✕'
  return (
    <span className={`class-badge class-${value}`}>
      <span aria-hidden="true">{symbol}</span> {WORDS[value]}
    </span>
  )
}
