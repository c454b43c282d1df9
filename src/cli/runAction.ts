import type { Command } from 'commander'
import { toAppError } from '../shared/errors'
import type { ActionContext } from './actionContext'
import { hostOf } from './cliHost'
import type { CliSession } from './cliSession'
import { EXIT, exitCodeForError, type ExitCode } from './exitCodes'
import { createOutput } from './output'
import { createProgress } from './progress'
import { installInterruptHandler } from './signals'

export interface GlobalOptions {
  data?: string
  profile?: string
  json?: boolean
}

/** Opens the core, runs the command, closes the core; the exit code says how it went. */
export function runAction(
  command: Command,
  action: (ctx: ActionContext) => Promise<ExitCode>,
  needs: { org?: boolean } = {},
): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>()
  const out = createOutput(Boolean(globals.json))
  return (async () => {
    let session: CliSession | undefined
    let code: ExitCode
    const ctx: Partial<ActionContext> = { out, progress: createProgress(), ownJobs: new Set() }
    try {
      // The core loads only when a command runs: --help and bad usage answer at once.
      const { openSession } = await import('./cliSession')
      session = await openSession({ data: globals.data, profile: globals.profile, org: needs.org }, hostOf(command))
      ctx.session = session
      installInterruptHandler(ctx as ActionContext)
      code = await action(ctx as ActionContext)
    } catch (error) {
      ctx.progress?.stop()
      const appError = toAppError(error)
      out.error(appError.toData())
      code = exitCodeForError(appError.code)
    }
    ctx.progress?.stop()
    await session?.close().catch(() => undefined)
    process.exitCode = code
  })()
}

export { EXIT }
