import { create } from 'zustand'
import type { SocketState } from './transport/eventSocket'

export type TokenProblem = 'missing' | 'rejected' | null

interface SessionState {
  shell: 'electron' | 'web'
  /** Web shell only: why the page cannot talk to the server. */
  tokenProblem: TokenProblem
  /** Web shell only: the event socket; Electron's IPC is always "open". */
  socket: SocketState
  /** Web shell only: how many times the event socket has tried to come back since it was last open. */
  socketAttempt: number
  setTokenProblem: (problem: TokenProblem) => void
  setSocket: (state: SocketState, attempt?: number) => void
  setShell: (shell: 'electron' | 'web') => void
}

export const useSession = create<SessionState>()((set) => ({
  shell: 'electron',
  tokenProblem: null,
  socket: 'open',
  socketAttempt: 0,
  setTokenProblem: (tokenProblem) => set({ tokenProblem }),
  setSocket: (socket, attempt = 0) => set({ socket, socketAttempt: attempt }),
  setShell: (shell) => set({ shell }),
}))
