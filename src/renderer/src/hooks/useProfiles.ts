import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ProfileInput, ProfileView } from '../../../shared/api'
import { api } from '../api'
import { queryKeys } from '../queryClient'

/** The Sandbox profile always first, then the others by name. */
export function sortProfiles(profiles: ProfileView[]): ProfileView[] {
  return [...profiles].sort((a, b) => Number(b.isSandbox) - Number(a.isSandbox) || a.name.localeCompare(b.name))
}

export function useProfiles() {
  return useQuery({
    queryKey: queryKeys.profiles,
    queryFn: () => api.call('profiles.list', {}),
    select: sortProfiles,
  })
}

/** Refetch after failures too: the core may have applied part of a change before it failed. */
function useInvalidateProfiles() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.profiles }),
      queryClient.invalidateQueries({ queryKey: queryKeys.status }),
    ])
}

export function useSaveProfile() {
  const invalidate = useInvalidateProfiles()
  return useMutation({ mutationFn: (input: ProfileInput) => api.call('profiles.save', input), onSettled: invalidate })
}

export function useRemoveProfile() {
  const invalidate = useInvalidateProfiles()
  return useMutation({ mutationFn: (id: string) => api.call('profiles.remove', { id }), onSettled: invalidate })
}

export function useSetActiveProfile() {
  const invalidate = useInvalidateProfiles()
  return useMutation({ mutationFn: (id: string) => api.call('profiles.setActive', { id }), onSettled: invalidate })
}

export function useTestConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (profile: ProfileView) => api.call('profiles.test', { id: profile.id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.status }),
  })
}
