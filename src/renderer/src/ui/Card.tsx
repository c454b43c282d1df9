import { useId, type ReactNode } from 'react'

interface CardProps {
  title: string
  actions?: ReactNode
  children: ReactNode
  className?: string
  /** Announce changes inside (e.g. a result arriving). */
  live?: boolean
}

/** A titled section of a screen; its heading names it as a region. */
export function Card({ title, actions, children, className, live }: CardProps) {
  const headingId = useId()
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={headingId} aria-live={live ? 'polite' : undefined}>
      <div className="card-head">
        <h2 id={headingId} className="card-title">
          {title}
        </h2>
        {actions && <div className="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  )
}
