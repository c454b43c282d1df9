import { toAppError } from '../shared/errors'
import { EXIT } from './exitCodes'
import type { ActionContext } from './actionContext'

/**
 * Ctrl-C (and SIGTERM): pause the jobs this run started, so `switchboard jobs resume` or the app carries
 * them on from their last checkpoint, close the core cleanly, exit 130. A second Ctrl-C exits at once.
 */
export function installInterruptHandler(ctx: ActionContext): void {
  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(EXIT.interrupted)
    stopping = true
    ctx.progress.stop()
    const paused: string[] = []
    try {
      const jobs = await ctx.session.call('jobs.list', {})
      for (const job of jobs) {
        if (!ctx.ownJobs.has(job.id) || !['queued', 'running'].includes(job.state) || job.canPause === false) continue
        await ctx.session
          .call('jobs.pause', { id: job.id })
          .then(() => paused.push(job.id))
          .catch(() => undefined)
      }
    } catch (error) {
      process.stderr.write(`Could not pause the running jobs: ${toAppError(error).message}\n`)
    }
    process.stderr.write(
      `${signal}: stopped. ${paused.length} job(s) paused; \`switchboard jobs resume\` (or Resume in the app) continues them.\n`,
    )
    if (ctx.out.json) process.stdout.write(JSON.stringify({ interrupted: true, pausedJobIds: paused }) + '\n')
    await ctx.session.close().catch(() => undefined)
    process.exit(EXIT.interrupted)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // conf's atomic writer (when-exit) hooks these to clean up and then re-raise the signal, which would end
    // the process before the jobs are paused. Its clean-up runs on 'exit' too, which process.exit still fires.
    process.removeAllListeners(signal)
    process.on(signal, (s) => void stop(s))
  }
}
