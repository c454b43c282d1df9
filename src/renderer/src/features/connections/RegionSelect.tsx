import { REGIONS } from '../../../../shared/regions'
import type { FieldControlProps } from '../../ui/Field'
import { regionGroups } from './profileForm'

const GROUPS = regionGroups(REGIONS)

export function RegionSelect({
  value,
  onChange,
  control,
}: {
  value: string
  onChange: (value: string) => void
  control: FieldControlProps
}) {
  return (
    <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a region…</option>
      {GROUPS.map(({ group, regions }) => (
        <optgroup key={group} label={group}>
          {regions.map((region) => (
            <option key={region.id} value={region.id}>
              {region.label} · {region.id}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  )
}
