/**
 * Recordings (issue 12): find calls, get download links, save recordings and transcripts, hand big
 * exports to Genesys. One workflow of five parts, each in its own folder with its own handlers and job
 * kinds; this file only puts them together. Registered in core/workflows.ts.
 */
import { recordingMethods } from '../../../shared/contract/recordings'
import { defineWorkflow } from '../kit'
import type { Workflow } from '../workflow'
import { createBulkPart } from './bulk'
import { createDownloadPart } from './downloads'
import { createFindPart } from './find'
import { createLinkPart } from './links'
import { createTranscriptPart } from './transcripts'

export const recordingsWorkflow = defineWorkflow(recordingMethods, async (services) => {
  const find = await createFindPart(services)
  const links = await createLinkPart(services)
  const downloads = await createDownloadPart(services)
  const transcripts = await createTranscriptPart(services)
  const bulk = await createBulkPart(services)
  const parts: Omit<Workflow, 'handlers'>[] = [find, links, downloads, transcripts, bulk]
  return {
    handlers: { ...find.handlers, ...links.handlers, ...downloads.handlers, ...transcripts.handlers, ...bulk.handlers },
    jobKinds: parts.flatMap((part) => part.jobKinds ?? []),
    start: async () => {
      for (const part of parts) await part.start?.()
    },
    close: async () => {
      for (const part of [...parts].reverse()) await part.close?.()
    },
  }
})
