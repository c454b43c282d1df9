import type { ComponentType } from 'react'

/** Every place in the navigation, in order. A screen with `planned` is not built yet and says so. */
export const SCREENS = [
  { id: 'connections', label: 'Connections' },
  { id: 'uploads', label: 'Uploads' },
  { id: 'recordings', label: 'Recordings' },
  { id: 'privacy', label: 'Privacy' },
  { id: 'flows', label: 'Flow archive' },
  { id: 'schemas', label: 'Schemas' },
  { id: 'audit', label: 'Audit log' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'settings', label: 'Settings' },
] as const satisfies readonly ScreenEntry[]

/** What a place in the navigation declares; `planned` (and the issue tracking it) only while it is not built. */
interface ScreenEntry {
  id: string
  label: string
  planned?: string
  issue?: number
}
/** A screen not built yet, for its placeholder (none is, now; the placeholder stays for the next one). */
export type PlannedScreen = ScreenEntry & { planned: string }

/** The screen's plan while it is not built; undefined once it is. */
export function plannedScreen(screen: ScreenEntry): PlannedScreen | undefined {
  return screen.planned === undefined ? undefined : { ...screen, planned: screen.planned }
}

export type Screen = (typeof SCREENS)[number]
export type ScreenId = Screen['id']
export type BuiltScreenId = Exclude<Screen, { planned: string }>['id']
/** What each built screen renders (screenRegistry.ts): a built screen without a component fails the typecheck. */
export type ScreenComponents = Record<BuiltScreenId, ComponentType>
export const DEFAULT_SCREEN: ScreenId = 'connections'

export function screenById(id: string): Screen | undefined {
  return SCREENS.find((screen) => screen.id === id)
}

/** "#/uploads" -> "uploads"; anything else -> undefined. */
export function screenFromHash(hash: string): ScreenId | undefined {
  const match = /^#\/([a-z-]+)$/.exec(hash)
  return match ? screenById(match[1])?.id : undefined
}

export function hashForScreen(id: ScreenId): string {
  return `#/${id}`
}
