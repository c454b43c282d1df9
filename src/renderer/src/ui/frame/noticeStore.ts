import { create } from 'zustand'
import type { Notice } from '../../../../shared/api'
import { noticeKey, withDismissal } from './noticeKey'

const STORAGE_KEY = 'switchboard.dismissedNotices'

function readDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []
  } catch {
    return []
  }
}

function storeDismissed(keys: string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(keys))
  } catch {
    // Storage disabled: the dismissal holds until the page reloads.
  }
}

interface NoticeState {
  /** Notices that arrived as events after start (app.info carries the ones from start). */
  live: Notice[]
  /** Keys (id and content digest) of dismissed notices, kept across reloads. */
  dismissed: string[]
  /** Ids the core took back (their cause is gone), also when app.info still listed them; a new notice of the id shows again. */
  retracted: string[]
  add: (notice: Notice) => void
  retract: (id: string) => void
  dismiss: (notice: Notice) => void
  isDismissed: (notice: Notice) => boolean
}

export const useNotices = create<NoticeState>()((set, get) => ({
  live: [],
  dismissed: readDismissed(),
  retracted: [],
  add: (notice) =>
    set((state) => ({
      live: [...state.live.filter((n) => n.id !== notice.id), notice],
      retracted: state.retracted.filter((id) => id !== notice.id),
    })),
  retract: (id) =>
    set((state) => ({
      live: state.live.filter((n) => n.id !== id),
      retracted: state.retracted.includes(id) ? state.retracted : [...state.retracted, id],
    })),
  dismiss: (notice) =>
    set((state) => {
      const dismissed = withDismissal(state.dismissed, noticeKey(notice))
      storeDismissed(dismissed)
      return { dismissed }
    }),
  isDismissed: (notice) => get().dismissed.includes(noticeKey(notice)),
}))
