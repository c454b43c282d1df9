import { useState } from 'react'
import { Button } from '../../ui/Button'

/** Offers desktop notifications for completed requests; the in-app banner appears either way. */
export function NotificationPermission() {
  const supported = typeof Notification !== 'undefined'
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : 'denied'))
  if (!supported || permission === 'granted') return null
  if (permission === 'denied') {
    return (
      <p className="muted privacy-notify">
        Desktop notifications are blocked for Switchboard; completed requests still show as a banner in the app.
      </p>
    )
  }
  return (
    <p className="muted privacy-notify">
      Requests can take days. Get a desktop notification when one completes?{' '}
      <Button small onClick={() => void Notification.requestPermission().then(setPermission)}>
        Allow desktop notifications
      </Button>
    </p>
  )
}
