import { Card } from '../../ui/Card'
import { useTheme, type ThemeChoice } from '../../ui/theme'

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export function ThemeChooser() {
  const { choice, choose } = useTheme()
  return (
    <Card title="Appearance">
      <fieldset className="radio-group">
        <legend>Theme</legend>
        {CHOICES.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name="theme" value={option.value} checked={choice === option.value} onChange={() => choose(option.value)} />
            {option.label}
          </label>
        ))}
      </fieldset>
    </Card>
  )
}
