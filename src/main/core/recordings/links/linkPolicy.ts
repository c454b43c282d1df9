/** The admin's rule for links (the seed's validation): which formats, and the longest lifetime accepted. */
import { RecordingPolicy, RECORDING_POLICY_DEFAULTS, type RecordingFormat } from '../../../../shared/contract/recordings'
import type { SettingsSlice } from '../../kit/settingsSlice'
import type { WorkflowServices } from '../../workflow'

export const RECORDING_POLICY_KEY = 'recordings.policy'

export function recordingPolicySlice(services: WorkflowServices): SettingsSlice<RecordingPolicy> {
  return services.settingsSlice(RECORDING_POLICY_KEY, RecordingPolicy, RECORDING_POLICY_DEFAULTS, {
    normalize: (policy) => ({ ...policy, allowedFormats: [...new Set(policy.allowedFormats)] }),
  })
}

/** What a link breaks, in words the admin reads; empty when it keeps to the policy. */
export function policyViolations(policy: RecordingPolicy, format: RecordingFormat, lifetimeSeconds: number): string[] {
  const violations: string[] = []
  if (!policy.allowedFormats.includes(format)) {
    violations.push(`${format} is not an allowed format (allowed: ${policy.allowedFormats.join(', ')}).`)
  }
  if (lifetimeSeconds > policy.maxLinkLifetimeMinutes * 60) {
    violations.push(
      `The link lives ${formatMinutes(lifetimeSeconds)}, longer than the ${policy.maxLinkLifetimeMinutes} min the policy accepts; shorten the org’s link lifetime in Genesys Cloud.`,
    )
  }
  return violations
}

function formatMinutes(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}
