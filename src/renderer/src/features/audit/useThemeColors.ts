import { useEffect, useState } from 'react'

const NAMES = ['--text', '--muted', '--border', '--accent', '--danger', '--warning', '--surface'] as const
export type ThemeColors = Record<(typeof NAMES)[number], string>

/**
 * The theme's colours as the canvas needs them: light-dark() resolved to rgb by letting the browser
 * compute a probe's colour. Re-read when the system scheme or Settings' theme changes.
 */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(readColors)
  useEffect(() => {
    const update = () => setColors(readColors())
    const media = matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', update)
    const observer = new MutationObserver(update)
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'style', 'class'] })
    return () => {
      media.removeEventListener('change', update)
      observer.disconnect()
    }
  }, [])
  return colors
}

function readColors(): ThemeColors {
  const probe = document.createElement('span')
  probe.hidden = true
  document.body.append(probe)
  const colors = {} as ThemeColors
  for (const name of NAMES) {
    probe.style.color = `var(${name})`
    colors[name] = getComputedStyle(probe).color
  }
  probe.remove()
  return colors
}
