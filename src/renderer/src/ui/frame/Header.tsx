import { ProfileSwitcher } from './ProfileSwitcher'

export function Header() {
  return (
    <header className="header">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ⇄
        </span>{' '}
        Switchboard
      </span>
      <ProfileSwitcher />
    </header>
  )
}
