import { useEffect, useState } from 'react'

/** The time, refreshed every `everyMs`, for counters that tick (elapsed, next check in). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
