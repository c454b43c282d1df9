import { useEffect, useRef, type ReactNode } from 'react'
import { useNavigation } from '../navigation'

/** The screen's h1; after a navigation it takes focus so keyboard and screen-reader users land here. */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  const moves = useNavigation((state) => state.moves)
  useEffect(() => {
    document.title = `${title} · Switchboard`
  }, [title])
  useEffect(() => {
    if (moves > 0) ref.current?.focus()
  }, [moves])
  return (
    <div className="screen-head">
      <h1 ref={ref} tabIndex={-1} className="screen-title">
        {title}
      </h1>
      {children && <div className="screen-intro">{children}</div>}
    </div>
  )
}
