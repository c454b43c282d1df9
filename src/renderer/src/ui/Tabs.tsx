import { useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface TabItem<T extends string> {
  id: T
  label: string
}

interface TabsProps<T extends string> {
  /** Names the tab list for assistive technology, e.g. "Audit log views". */
  label: string
  /** Prefix of the tab and panel element ids; unique on the screen. */
  idPrefix: string
  tabs: readonly TabItem<T>[]
  selected: T
  onSelect(id: T): void
  /** The selected tab's panel. */
  children: ReactNode
  panelClassName?: string
}

/**
 * WAI-ARIA tabs: focus sits on the selected tab (roving tabindex), arrow keys move between tabs and
 * select them (Home and End to the first and last), and the panel is labelled by its tab.
 */
export function Tabs<T extends string>({ label, idPrefix, tabs, selected, onSelect, children, panelClassName }: TabsProps<T>) {
  const refs = useRef<Partial<Record<string, HTMLButtonElement | null>>>({})

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextTabIndex(
      tabs.findIndex((t) => t.id === selected),
      tabs.length,
      event.key,
    )
    if (next === undefined) return
    event.preventDefault()
    onSelect(tabs[next].id)
    refs.current[tabs[next].id]?.focus()
  }

  return (
    <>
      {/* The tablist only catches its tabs' arrow keys; focus sits on the tabs themselves. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${t.id}`}
            aria-selected={selected === t.id}
            aria-controls={`${idPrefix}-panel-${t.id}`}
            tabIndex={selected === t.id ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${selected}`}
        aria-labelledby={`${idPrefix}-tab-${selected}`}
        className={`tab-panel ${panelClassName ?? ''}`}
      >
        {children}
      </div>
    </>
  )
}

/** The tab an arrow, Home or End key moves to (wrapping around); undefined for other keys. */
export function nextTabIndex(current: number, count: number, key: string): number | undefined {
  const last = count - 1
  const i = Math.max(0, current)
  const moves: Record<string, number> = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }
  return moves[key]
}
