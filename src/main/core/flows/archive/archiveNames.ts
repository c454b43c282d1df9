import { AppError } from '../../../../shared/errors'

/** A flow id names its manifest file (manifests/<flowId>.json): only characters that cannot leave that folder. */
const SAFE_FLOW_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

export function assertFileSafeFlowId(flowId: string): void {
  if (SAFE_FLOW_ID.test(flowId) && !flowId.includes('..')) return
  throw new AppError({
    code: 'invalid_input',
    message: `“${flowId.slice(0, 80)}” is not a flow id Switchboard can name an archive file after.`,
    hint: 'Flow ids are letters, digits, dots, dashes and underscores (a UUID); pick the flow from the list.',
    details: [{ fieldName: 'flows', errorCode: 'invalid.value' }],
  })
}
