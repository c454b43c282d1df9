import { Command } from 'commander'
import type { JobView } from '../../shared/api'
import { AppError } from '../../shared/errors'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'

const ACTIVE = new Set<JobView['state']>(['queued', 'running'])

export function jobsCommand(): Command {
  const jobs = new Command('jobs').description('The durable jobs of the app and the CLI (uploads, downloads, exports, ...)')

  jobs
    .command('list')
    .description('List the jobs and their states')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard jobs list\n  $ switchboard jobs list --json | jq -r \'select(.state=="paused") | .id\'',
    )
    .action((_opts, command: Command) =>
      runAction(command, async ({ session, out }) => {
        for (const job of await session.call('jobs.list', {})) out.result(jobResult(job), humanLine(job))
        return EXIT.done
      }),
    )

  jobs
    .command('resume')
    .description('Resume paused and interrupted jobs (all of them, or those named) and wait until they finish')
    .argument('[ids...]', 'job ids (default: every paused or interrupted job)')
    .addHelpText('after', '\nExamples:\n  $ switchboard jobs resume\n  $ switchboard jobs resume 7d0c... --json')
    .action((ids: string[], _opts, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          const { session, out, progress } = ctx
          const all = await session.call('jobs.list', {})
          const chosen = ids.length > 0 ? ids : all.filter((j) => j.state === 'paused' || j.state === 'interrupted').map((j) => j.id)
          for (const id of ids) {
            if (!all.some((j) => j.id === id))
              throw new AppError({ code: 'invalid_input', message: `No job with id ${id}.`, hint: 'See `switchboard jobs list`.' })
          }
          if (chosen.length === 0) {
            out.info('No paused or interrupted jobs.')
            return EXIT.done
          }
          for (const id of chosen) {
            ctx.ownJobs.add(id)
            await session.call('jobs.resume', { id })
          }
          out.info(`Resumed ${chosen.length} job(s).`)
          const finished = await waitFor(async () => {
            const mine = (await session.call('jobs.list', {})).filter((j) => chosen.includes(j.id))
            progress.update({
              label: 'Jobs',
              done: mine.filter((j) => !ACTIVE.has(j.state)).length,
              total: chosen.length,
              doneBytes: total(mine.map((j) => j.progress.doneBytes)),
              totalBytes: total(mine.map((j) => j.progress.totalBytes)),
              bytesPerSecond: total(mine.map((j) => j.progress.bytesPerSecond)),
            })
            return mine.some((j) => ACTIVE.has(j.state)) ? undefined : mine
          })
          progress.stop()
          for (const job of finished) out.result(jobResult(job), humanLine(job))
          return finished.every((j) => j.state === 'done') ? EXIT.done : EXIT.itemsFailed
        },
        { org: true },
      ),
    )
  jobs
    .command('cancel')
    .description('Cancel jobs that have not finished (queued, running, paused, interrupted or scheduled); what they did stays done')
    .argument('<ids...>', 'job ids (see switchboard jobs list)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard jobs cancel 7d0c...\n  $ switchboard jobs list --json | jq -r \'select(.state=="paused") | .id\' | xargs switchboard jobs cancel',
    )
    .action((ids: string[], _opts, command: Command) =>
      runAction(command, async ({ session, out }) => {
        const all = await session.call('jobs.list', {})
        for (const id of ids) {
          if (!all.some((j) => j.id === id))
            throw new AppError({ code: 'invalid_input', message: `No job with id ${id}.`, hint: 'See `switchboard jobs list`.' })
        }
        let failed = 0
        for (const id of ids) {
          try {
            const job = await session.call('jobs.cancel', { id })
            out.result(jobResult(job), humanLine(job))
          } catch (error) {
            if (!(error instanceof AppError)) throw error
            failed++
            out.result(
              { type: 'job', id, error: error.toData() },
              `not cancelled ${id}: ${error.message}${error.hint ? ` (${error.hint})` : ''}`,
            )
          }
        }
        return failed === 0 ? EXIT.done : EXIT.itemsFailed
      }),
    )
  return jobs
}

function jobResult(job: JobView): object {
  const { id, kind, title, state, progress, error, createdAt, updatedAt } = job
  return { type: 'job', id, kind, title, state, progress, error, createdAt, updatedAt }
}

function humanLine(job: JobView): string {
  return `${job.state.padEnd(11)} ${job.id}  ${job.kind}  ${job.title}${job.error ? `: ${job.error.message}` : ''}`
}

const total = (values: (number | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0) || undefined
