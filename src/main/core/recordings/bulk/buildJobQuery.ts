import type { z } from 'zod'
import type { BulkJobCreateInput } from '../../../../shared/contract/recordings'
import { AppError } from '../../../../shared/errors'
import type { RecordingJobsQueryBody } from './recordingJobsApi'

/** How far back a bulk job's conversations may go (shared/genesys-api.md). */
const MAX_AGE_MS = 5 * 365 * 86_400_000

type Input = z.output<typeof BulkJobCreateInput>

/**
 * The body of POST /api/v2/recording/jobs from the admin's choices: the range as the analytics
 * interval, queues as a segment filter, the action date (now unless given). Refused before sending
 * when the platform would refuse it anyway, with words the admin can act on.
 */
export function buildJobQuery(input: Input, now: Date): RecordingJobsQueryBody {
  const from = Date.parse(input.from)
  const to = Date.parse(input.to)
  if (!(to > from)) {
    throw new AppError({ code: 'invalid_input', message: 'The range ends before it starts.', hint: 'Choose an end after the start.' })
  }
  if (from < now.getTime() - MAX_AGE_MS) {
    throw new AppError({
      code: 'invalid_input',
      message: 'Bulk jobs reach conversations up to 5 years old; this range starts earlier.',
      hint: 'Move the start of the range to within the last 5 years.',
    })
  }
  if (input.action === 'EXPORT' && !input.integrationId) {
    throw new AppError({
      code: 'invalid_input',
      message: 'An EXPORT needs the S3 integration to write to.',
      hint: "Choose the org's AWS S3 recording bulk actions integration; an admin adds one under Integrations if the list is empty.",
    })
  }
  const queueFilter =
    input.queueIds.length > 0
      ? {
          segmentFilters: [
            {
              type: 'or',
              predicates: input.queueIds.map((id) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value: id })),
            },
          ],
        }
      : {}
  return {
    action: input.action,
    actionDate: new Date(input.actionDate ? Date.parse(input.actionDate) : now.getTime()).toISOString(),
    ...(input.action === 'EXPORT' ? { integrationId: input.integrationId } : {}),
    includeScreenRecordings: input.includeScreenRecordings,
    includeRecordingsWithSensitiveData: input.includeRecordingsWithSensitiveData,
    conversationQuery: { interval: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`, ...queueFilter },
  }
}
