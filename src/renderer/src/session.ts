import { create } from 'zustand'
import type { SocketState } from './transport/eventSocket'

export type TokenProblem = 'missing' | 'rejected' | null

interface SessionState {
  shell: 'electron' | 'web'
  /** Web shell only: why the page cannot talk to the server. */
  tokenProblem: TokenProblem
  /** Web shell only: the event socket; Electron's IPC is always "open". */
  socket: SocketState
  setTokenProblem: (problem: TokenProblem) => void
  setSocket: (state: SocketState) => void
  setShell: (shell: 'electron' | 'web') => void
}

export const useSession = create<SessionState>()((set) => ({
  shell: 'electron',
  tokenProblem: null,
  socket: 'open',
  setTokenProblem: (tokenProblem) => set({ tokenProblem }),
  setSocket: (socket) => set({ socket }),
  setShell: (shell) => set({ shell }),
}))
