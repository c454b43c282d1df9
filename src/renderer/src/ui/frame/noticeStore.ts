import { create } from 'zustand'
import type { Notice } from '../../../../shared/api'

interface NoticeState {
  /** Notices that arrived as events after start (app.info carries the ones from start). */
  live: Notice[]
  dismissed: string[]
  add: (notice: Notice) => void
  dismiss: (id: string) => void
}

export const useNotices = create<NoticeState>()((set) => ({
  live: [],
  dismissed: [],
  add: (notice) => set((state) => ({ live: [...state.live.filter((n) => n.id !== notice.id), notice] })),
  dismiss: (id) => set((state) => ({ dismissed: [...state.dismissed, id] })),
}))
