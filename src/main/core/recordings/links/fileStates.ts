/** Why a recording cannot be linked in its file state, and what the admin can do about it. */
import type { FileState } from '../../../../shared/contract/recordings'

export interface Unavailable {
  reason: string
  hint: string
}

/** States whose media can be fetched now. */
const PLAYABLE = new Set(['AVAILABLE', 'RESTORED'])
/** Media with a file behind them; chat, email and messaging recordings are transcripts. */
const FILE_MEDIA = new Set(['audio', 'screen'])

const BY_STATE: Record<string, Unavailable> = {
  ARCHIVED: {
    reason: 'The recording is archived: its media is in cold storage.',
    hint: 'Restore it in Genesys Cloud (the recording’s restore action or a bulk job); once it shows RESTORED, ask for the link again.',
  },
  RESTORING: {
    reason: 'The recording is being restored from the archive.',
    hint: 'Restoring can take hours. Ask for the link again once it shows RESTORED.',
  },
  DELETED: {
    reason: 'The recording was deleted by a retention policy or an admin.',
    hint: 'Its media is gone for good; nothing can be linked or downloaded.',
  },
  UPLOADING: {
    reason: 'The recording is still being uploaded to Genesys Cloud.',
    hint: 'Try again in a few minutes, once it shows AVAILABLE.',
  },
  ERROR: {
    reason: 'Genesys Cloud reports an error with this recording’s file.',
    hint: 'Give Genesys support the conversation and recording ids; Switchboard cannot repair it.',
  },
}

export function isPlayableState(fileState: FileState | undefined): boolean {
  return fileState !== undefined && PLAYABLE.has(fileState)
}

/** Undefined when the state allows a link. An unknown state is shown raw, never fatal. */
export function unavailableFor(fileState: FileState | undefined): Unavailable | undefined {
  if (isPlayableState(fileState)) return undefined
  if (fileState && BY_STATE[fileState]) return BY_STATE[fileState]
  return {
    reason: fileState
      ? `Genesys Cloud reports the file state “${fileState}”, which this version of Switchboard does not know.`
      : 'Genesys Cloud gave no file state and no media link for this recording.',
    hint: 'No link can be had in that state now. Check the recording in Genesys Cloud, or ask again later.',
  }
}

/** A playable recording whose media is not a file (a chat, an email): there is nothing to link to. */
export function noFileFor(media: string | undefined): Unavailable | undefined {
  if (media === undefined || FILE_MEDIA.has(media)) return undefined
  return {
    reason: `This is a ${media} recording: it is a transcript, not an audio or screen file.`,
    hint: 'Read it in Genesys Cloud, or save it with the conversation’s transcript.',
  }
}
