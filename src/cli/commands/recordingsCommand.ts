import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import { EXISTING_FILE_CHOICES, type DownloadView } from '../../shared/contract/recordings/downloads'
import { AppError } from '../../shared/errors'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'
import { connect } from './connect'

const RUNNING = new Set<DownloadView['state']>(['queued', 'running'])

interface DownloadOptions {
  since: string
  until?: string
  queue?: string[]
  out: string
  onExisting: (typeof EXISTING_FILE_CHOICES)[number]
  transcripts?: boolean
}

export function recordingsCommand(): Command {
  const recordings = new Command('recordings').description('Find and download call recordings')

  recordings
    .command('download')
    .description('Find the recordings of calls in a date range (and queues) and download them with a SHA-256 manifest')
    .requiredOption('--since <date>', 'from this date or time (ISO 8601, e.g. 2026-11-01)')
    .option('--until <date>', 'up to this date or time (default: now)')
    .option('--queue <name...>', 'only calls through these queues (name or id)')
    .requiredOption('--out <dir>', 'the folder to save into (created if missing)')
    .addOption(new Option('--on-existing <choice>', 'a file that exists already').choices(EXISTING_FILE_CHOICES).default('skip'))
    .option('--transcripts', 'also save each conversation’s transcript')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard recordings download --since 2026-11-01 --queue Support --out ./recordings\n  $ switchboard recordings download --since 2026-11-01T00:00:00Z --until 2026-11-02 --out /srv/rec --json',
    )
    .action((opts: DownloadOptions, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          const { session, out, progress } = ctx
          const from = isoTime(opts.since, '--since')
          const to = opts.until ? isoTime(opts.until, '--until') : new Date().toISOString()
          await connect(ctx)
          const queueIds = opts.queue?.length ? await queueIdsOf(ctx.session.call.bind(ctx.session), opts.queue) : []
          const find = await session.call('recordings.find', { kind: 'search', from, to, queueIds })
          const found = await waitFor(async () => {
            const view = await session.call('recordings.find.get', { id: find.id })
            progress.update({ label: 'Finding', done: view.conversationsListed, total: Math.max(view.conversationsFound, 1) })
            return ['searching', 'listing'].includes(view.state) ? undefined : view
          })
          progress.stop()
          if (found.state !== 'done')
            throw AppError.fromData(
              found.error ?? { name: 'AppError', code: 'internal', message: `The search ${found.state}.`, hint: 'Try again.' },
            )
          const unavailable = found.recordings.filter((r) => !r.actions.includes('download'))
          for (const r of unavailable) {
            out.result(
              {
                type: 'recording',
                conversationId: r.conversationId,
                recordingId: r.recordingId,
                state: 'unavailable',
                reason: r.unavailableReason,
              },
              `unavailable ${r.conversationId}/${r.recordingId}: ${r.unavailableReason ?? r.fileState}`,
            )
          }
          const items = found.recordings
            .filter((r) => r.actions.includes('download'))
            .map((r) => ({ conversationId: r.conversationId, recordingId: r.recordingId, startTime: r.startTime }))
          out.info(
            `${found.conversationsFound} conversation(s), ${items.length} recording(s) to download, ${unavailable.length} unavailable.`,
          )
          if (items.length === 0) return EXIT.done
          const started = await session.call('recordings.downloads.start', {
            items,
            folder: resolve(opts.out),
            onExisting: opts.onExisting,
            transcripts: Boolean(opts.transcripts),
          })
          ctx.ownJobs.add(started.id)
          const done = await waitFor(async () => {
            const view = (await session.call('recordings.downloads.list', {})).find((d) => d.id === started.id)
            if (!view) return undefined
            progress.update({
              label: 'Downloading',
              done: view.counts.saved + view.counts.skipped + view.counts.failed,
              total: view.counts.total,
              doneBytes: view.bytes,
              totalBytes: view.totalBytes,
              bytesPerSecond: view.bytesPerSecond,
              etaSeconds: view.etaSeconds,
            })
            return RUNNING.has(view.state) ? undefined : view
          })
          progress.stop()
          for (const item of done.items) {
            const { conversationId, recordingId, state, path, bytes, sha256, error } = item
            out.result(
              { type: 'recording', conversationId, recordingId, state, path, bytes, sha256, error },
              `${state.padEnd(9)} ${path ?? `${conversationId}/${recordingId}`}${error ? `: ${error.message}` : ''}`,
            )
          }
          out.info(
            `${done.counts.saved} saved, ${done.counts.skipped} skipped, ${done.counts.failed} failed.${done.manifestPath ? ` Manifest: ${done.manifestPath}` : ''}`,
          )
          return done.state === 'done' && done.counts.failed === 0 ? EXIT.done : EXIT.itemsFailed
        },
        { org: true },
      ),
    )
  return recordings
}

/** A date (midnight UTC) or a full ISO time, as the core's schema wants it. */
function isoTime(value: string, option: string): string {
  const time = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(time.getTime())) {
    throw new AppError({
      code: 'invalid_input',
      message: `${option} "${value}" is not a date.`,
      hint: 'Use ISO 8601: 2026-11-01 or 2026-11-01T08:00:00Z.',
    })
  }
  return time.toISOString()
}

type Call = (method: 'recordings.queues', input: Record<string, never>) => Promise<{ id: string; name: string }[]>

async function queueIdsOf(call: Call, wanted: string[]): Promise<string[]> {
  const queues = await call('recordings.queues', {})
  return wanted.map((w) => {
    const found = queues.find((q) => q.id === w) ?? queues.find((q) => q.name.toLowerCase() === w.toLowerCase())
    if (!found)
      throw new AppError({
        code: 'invalid_input',
        message: `No queue named "${w}".`,
        hint: `Queues: ${queues
          .map((q) => q.name)
          .slice(0, 20)
          .join(', ')}`,
      })
    return found.id
  })
}
