import { useEffect, useRef } from 'react'
import type { SignalName, SignalPayload } from '../../../shared/api'
import { api } from '../api'

/** Subscribes to one contract event for the component's lifetime; the latest listener is always used. */
export function useApiEvent<E extends SignalName>(event: E, listener: (payload: SignalPayload<E>) => void): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [event])
}
