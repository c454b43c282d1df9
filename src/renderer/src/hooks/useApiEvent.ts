import { useEffect, useRef } from 'react'
import type { EventName, EventPayload } from '../../../shared/api'
import { api } from '../api'

/** Subscribes to one contract event for the component's lifetime; the latest listener is always used. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [event])
}
