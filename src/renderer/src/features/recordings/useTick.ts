import { useEffect, useState } from 'react'

/** Re-renders every second until `until` (an ISO time) has passed, for countdowns; returns the time now. */
export function useTickUntil(until: string): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const end = Date.parse(until)
    setNow(Date.now())
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (!(t < end)) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [until])
  return now
}
