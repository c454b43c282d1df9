/**
 * Flow archive (issue 13): browse Architect flows and their versions, archive them verifiably, verify,
 * export, compare, and send a copy to a remote archive. Each part's declarations are in ./flows/<part>.ts;
 * spread into src/shared/api.ts.
 */
import { flowArchiveAppEvents, flowArchiveMethods, flowArchiveSignals } from './flows/archive'
import { flowBrowseMethods } from './flows/browse'
import { flowCompareMethods } from './flows/compare'
import { flowExportMethods, flowExportSignals } from './flows/exportJobs'
import { flowRemoteMethods } from './flows/remote'
import { flowVerifyMethods } from './flows/verify'

export * from './flows/common'
export * from './flows/browse'
export * from './flows/archive'
export * from './flows/verify'
export * from './flows/compare'
export * from './flows/exportJobs'
export * from './flows/remote'

export const flowMethods = {
  ...flowBrowseMethods,
  ...flowArchiveMethods,
  ...flowVerifyMethods,
  ...flowCompareMethods,
  ...flowExportMethods,
  ...flowRemoteMethods,
}

export const flowSignals = {
  ...flowArchiveSignals,
  ...flowExportSignals,
}

export const flowAppEvents = {
  ...flowArchiveAppEvents,
}
