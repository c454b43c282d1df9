import type { ReactNode } from 'react'
import { Button } from './Button'

export type BannerLevel = 'info' | 'warning' | 'error' | 'success'

const LEVEL_WORD: Record<BannerLevel, string> = { info: 'Note', warning: 'Warning', error: 'Error', success: 'Done' }

interface BannerProps {
  level: BannerLevel
  title: string
  children?: ReactNode
  onDismiss?: () => void
  dismissLabel?: string
}

/** A message across the content; the level is said in words too, never by colour alone. */
export function Banner({ level, title, children, onDismiss, dismissLabel = 'Dismiss' }: BannerProps) {
  return (
    <div className={`banner banner-${level}`} role={level === 'error' ? 'alert' : undefined}>
      <div className="banner-body">
        <p className="banner-title">
          <span className="banner-level">{LEVEL_WORD[level]}:</span> {title}
        </p>
        {children && <div className="banner-text">{children}</div>}
      </div>
      {onDismiss && (
        <Button small variant="ghost" onClick={onDismiss} aria-label={`${dismissLabel}: ${title}`}>
          {dismissLabel}
        </Button>
      )}
    </div>
  )
}
