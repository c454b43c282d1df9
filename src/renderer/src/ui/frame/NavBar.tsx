import { useNavigation } from '../../navigation'
import { hashForScreen, SCREENS } from '../../screens'

/** The main navigation: real links (#/screen), the current one marked with aria-current. */
export function NavBar() {
  const { screen, go } = useNavigation()
  return (
    <nav className="nav" aria-label="Main">
      <ul className="nav-list">
        {SCREENS.map((item) => (
          <li key={item.id} className={item.id === 'audit' ? 'nav-gap' : undefined}>
            <a
              href={hashForScreen(item.id)}
              className="nav-link"
              aria-current={item.id === screen ? 'page' : undefined}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
                event.preventDefault()
                go(item.id)
              }}
            >
              {item.label}
              {'planned' in item && <span className="nav-note"> not built yet</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
