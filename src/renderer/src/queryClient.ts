import { QueryClient } from '@tanstack/react-query'

/** Server state lives here; calls are local (IPC or 127.0.0.1), so one quick retry is enough. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, retryDelay: 500, staleTime: 5_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
})

export const queryKeys = {
  appInfo: ['app.info'] as const,
  profiles: ['profiles'] as const,
  status: ['status'] as const,
  jobs: ['jobs'] as const,
}
