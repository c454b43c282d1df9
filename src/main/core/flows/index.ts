/**
 * Flow archive (issue 13): browse Architect flows and their versions, archive them verifiably, verify,
 * export, compare, and send a copy to a remote archive. One workflow of six parts, each in its own folder
 * with its own handlers and job kinds; this file only puts them together. Registered in core/workflows.ts.
 */
import { flowMethods } from '../../../shared/contract/flows'
import { defineWorkflow } from '../kit'
import type { Workflow } from '../workflow'
import { createArchivePart } from './archive'
import { createBrowsePart } from './browse'
import { createComparePart } from './compare'
import { createExportPart } from './exports'
import { createRemotePart } from './remote'
import { createVerifyPart } from './verify'

export const flowsWorkflow = defineWorkflow(flowMethods, async (services) => {
  const browse = await createBrowsePart(services)
  const archive = await createArchivePart(services)
  const verify = await createVerifyPart(services)
  const compare = await createComparePart(services)
  const exports = await createExportPart(services)
  const remote = await createRemotePart(services)
  // The remote copy follows each completed archive run, and its state shows on that run's view.
  remote.connectArchive(archive)
  const parts: Omit<Workflow, 'handlers'>[] = [browse, archive, verify, compare, exports, remote]
  return {
    handlers: {
      ...browse.handlers,
      ...archive.handlers,
      ...verify.handlers,
      ...compare.handlers,
      ...exports.handlers,
      ...remote.handlers,
    },
    jobKinds: parts.flatMap((part) => part.jobKinds ?? []),
    start: async () => {
      for (const part of parts) await part.start?.()
    },
    close: async () => {
      for (const part of [...parts].reverse()) await part.close?.()
    },
  }
})
