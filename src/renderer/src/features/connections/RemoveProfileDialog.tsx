import type { ProfileView } from '../../../../shared/api'
import { useRemoveProfile } from '../../hooks/useProfiles'
import { ConfirmDialog } from '../../ui/ConfirmDialog'

interface RemoveProfileDialogProps {
  profile: ProfileView | null
  onClose: (removed: boolean) => void
}

export function RemoveProfileDialog({ profile, onClose }: RemoveProfileDialogProps) {
  const remove = useRemoveProfile()
  const close = (removed: boolean) => {
    remove.reset()
    onClose(removed)
  }
  return (
    <ConfirmDialog
      open={profile !== null}
      title={`Remove profile “${profile?.name ?? ''}”?`}
      confirmLabel="Remove profile"
      busy={remove.isPending}
      error={remove.isError ? remove.error : undefined}
      onCancel={() => close(false)}
      onConfirm={() => profile && remove.mutate(profile.id, { onSuccess: () => close(true) })}
    >
      <p>Its stored client secret is deleted from this computer. The audit log keeps its entries.</p>
      {profile?.active && <p>It is the active profile right now; the header shows which profile is active afterwards.</p>}
    </ConfirmDialog>
  )
}
