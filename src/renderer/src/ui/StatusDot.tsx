import type { DotTone } from './dotTone'

export type { DotTone }

/** A coloured dot; always paired with words, it is decoration for sighted users. */
export function StatusDot({ tone }: { tone: DotTone }) {
  return <span className={`dot dot-${tone}`} aria-hidden="true" />
}
