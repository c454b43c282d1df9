import type { ContractMethods, WorkflowParts } from '../kit'

/** One part of the recordings workflow (find, links, downloads, transcripts, bulk jobs): its handlers, job kinds, start and close. */
export type RecordingPart<M extends ContractMethods> = WorkflowParts<M>
