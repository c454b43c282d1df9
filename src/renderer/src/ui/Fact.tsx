import type { ReactNode } from 'react'
import { CopyButton } from './CopyButton'
import { Identifier } from './Identifier'

interface FactProps {
  term: string
  /** The value as plain text (or pass children for richer content). */
  value?: string
  /** Ids, codes and paths read better in the monospace face. */
  mono?: boolean
  /** The accessible label of a button that copies the value, e.g. "Copy correlation id". */
  copy?: string
  children?: ReactNode
}

/** One term and its value inside a <dl>: the same look on every screen. */
export function Fact({ term, value, mono, copy, children }: FactProps) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>
        {value !== undefined ? (
          mono ? (
            <code>
              <Identifier text={value} />
            </code>
          ) : (
            value
          )
        ) : (
          children
        )}
        {copy && value !== undefined && <CopyButton text={value} label={copy} />}
      </dd>
    </div>
  )
}
