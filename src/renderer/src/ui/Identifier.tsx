import { Fragment } from 'react'
import { identifierParts } from './identifierParts'

/** An id, key or action name that may wrap only between its parts (after . _ - / :), never mid-word. */
export function Identifier({ text }: { text: string }) {
  const parts = identifierParts(text)
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  )
}
