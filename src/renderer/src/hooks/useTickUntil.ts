import { useEffect, useState } from 'react'

/** Re-renders each second until `at` (ISO time) has passed, for a countdown; returns the time now. */
export function useTickUntil(at: string | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!at) return
    const end = Date.parse(at)
    setNow(Date.now())
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= end) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [at])
  return now
}
