import type { ReactNode } from 'react'
import { useNavigation } from '../navigation'
import { hashForScreen, type ScreenId } from '../screens'

interface ScreenLinkProps {
  screen: ScreenId
  className?: string
  title?: string
  children: ReactNode
}

/** A real link to a screen (#/screen): opens in place, or in a new tab with the usual modifier keys. */
export function ScreenLink({ screen, className, title, children }: ScreenLinkProps) {
  const go = useNavigation((state) => state.go)
  return (
    <a
      href={hashForScreen(screen)}
      className={className}
      title={title}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
        event.preventDefault()
        go(screen)
      }}
    >
      {children}
    </a>
  )
}
