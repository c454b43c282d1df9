import type { RecordingFindView } from '../../../../shared/contract/recordings'

/**
 * The newer of two views of a find, by the core's revision. The answer to "find" (or to a read) and the
 * change signals come by different ways: an answer that arrives after later signals must not put the
 * screen back to where the find stood when it was answered.
 */
export function newerFindView(current: RecordingFindView | undefined, next: RecordingFindView): RecordingFindView {
  return current !== undefined && current.id === next.id && current.revision > next.revision ? current : next
}
