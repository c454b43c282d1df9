/** A recording's length as a clock reads it: "0:07", "12:05", "1:02:03"; under half a second, "<0:01". */
export function formatRecordingLength(seconds: number): string {
  const total = Math.round(seconds)
  if (total === 0 && seconds > 0) return '<0:01'
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`
}
