import { create } from 'zustand'
import type { WebhookDeliveryState, WebhookSecretShown } from '../../../../shared/contract/webhooks'

/** UI state of Settings › Integrations that outlives a visit to another screen (in memory only). */
interface IntegrationsWorkspace {
  /** The endpoint whose actions and delivery log are open. */
  selectedId: string | null
  adding: boolean
  /** The secret just made by an add or a rotation: shown until the admin closes it, then gone for good. */
  secret: WebhookSecretShown | null
  stateFilter: WebhookDeliveryState | undefined
  select: (id: string | null) => void
  setAdding: (adding: boolean) => void
  showSecret: (secret: WebhookSecretShown | null) => void
  setStateFilter: (state: WebhookDeliveryState | undefined) => void
}

export const useIntegrationsWorkspace = create<IntegrationsWorkspace>()((set) => ({
  selectedId: null,
  adding: false,
  secret: null,
  stateFilter: undefined,
  select: (selectedId) => set({ selectedId }),
  setAdding: (adding) => set({ adding }),
  showSecret: (secret) => set({ secret }),
  setStateFilter: (stateFilter) => set({ stateFilter }),
}))
