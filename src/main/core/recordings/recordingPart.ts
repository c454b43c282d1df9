import type { ContractMethods, WorkflowParts } from '../kit'
import type { WorkflowServices } from '../workflow'
import { AppError } from '../../../shared/errors'

/** One part of the recordings workflow (find, links, downloads, transcripts, bulk jobs): its handlers, job kinds, start and close. */
export type RecordingPart<M extends ContractMethods> = WorkflowParts<M>

/** What every part is built from. */
export type RecordingPartFactory<M extends ContractMethods> = (services: WorkflowServices) => RecordingPart<M> | Promise<RecordingPart<M>>

/** The answer of a method whose part is not built yet. */
export function notBuilt(what: string): never {
  throw new AppError({ code: 'internal', message: `${what} is not built yet.`, hint: 'This part of Recordings is on its way.' })
}
