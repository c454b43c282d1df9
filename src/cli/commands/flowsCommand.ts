import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import { FLOW_TYPES } from '../../shared/contract/flows/common'
import type { ArchiveView } from '../../shared/contract/flows/archive'
import { AppError } from '../../shared/errors'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'
import { connect } from './connect'

const RUNNING = new Set<ArchiveView['state']>(['queued', 'running'])

export function flowsCommand(): Command {
  const flows = new Command('flows').description('Archive Architect flows and verify archive folders')

  flows
    .command('archive')
    .description('Archive the flows of some types (or named ones) to a folder, with the retention policy from the settings')
    .addOption(new Option('--type <type...>', 'flow types').choices(FLOW_TYPES))
    .option('--name <text>', 'only flows whose name contains this')
    .requiredOption('--out <dir>', 'the archive folder')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard flows archive --type inboundcall --out /srv/flow-archive\n  $ switchboard flows archive --type inboundcall inqueuecall --name Main --out ./archive --json',
    )
    .action((opts: { type?: string[]; name?: string; out: string }, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          const { session, out, progress } = ctx
          await connect(ctx)
          const list = await session.call('flows.list', { types: (opts.type ?? []) as (typeof FLOW_TYPES)[number][], name: opts.name })
          if (list.flows.length === 0) {
            throw new AppError({
              code: 'invalid_input',
              message: 'No flow matches.',
              hint: 'Check --type and --name (see the Flows screen).',
            })
          }
          const started = await session.call('flows.archive.start', {
            folder: resolve(opts.out),
            flows: list.flows.map((f) => ({ flowId: f.id })),
          })
          const ids = started.map((a) => a.id)
          ids.forEach((id) => ctx.ownJobs.add(id))
          out.info(`Archiving ${ids.length} flow(s) to ${resolve(opts.out)}.`)
          const runs = await waitFor(async () => {
            const mine = (await session.call('flows.archive.list', {})).filter((a) => ids.includes(a.id))
            progress.update({ label: 'Archiving', done: mine.filter((a) => !RUNNING.has(a.state)).length, total: ids.length })
            return mine.some((a) => RUNNING.has(a.state)) ? undefined : mine
          })
          progress.stop()
          for (const run of runs) {
            const { id, flowId, flowName, state, counts, bytesWritten, manifestPath, manifestSha256, error } = run
            out.result(
              { type: 'flows.archive', id, flowId, flowName, state, counts, bytesWritten, manifestPath, manifestSha256, error },
              `${state.padEnd(9)} ${flowName}: ${counts.written} version(s) written, ${counts.alreadyArchived} already archived${error ? `: ${error.message}` : ''}`,
            )
          }
          return runs.every((r) => r.state === 'done') ? EXIT.done : EXIT.itemsFailed
        },
        { org: true },
      ),
    )

  flows
    .command('verify')
    .description('Check an archive folder against its manifests: every changed, missing or extra file is named (exit 1 if any)')
    .argument('<dir>', 'the archive folder')
    .addHelpText('after', '\nExamples:\n  $ switchboard flows verify /srv/flow-archive\n  $ switchboard flows verify ./archive --json')
    .action((dir: string, _opts, command: Command) =>
      runAction(command, async ({ session, out }) => {
        const report = await session.call('flows.archive.verify', { folder: resolve(dir) })
        for (const problem of report.problems)
          out.result({ type: 'flows.verify.problem', ...problem }, `${problem.kind.padEnd(8)} ${problem.path}: ${problem.detail}`)
        const { folder, ok, manifests, flows: flowCount, versions, files, problemCounts, truncated } = report
        out.result(
          { type: 'flows.verify', folder, ok, manifests, flows: flowCount, versions, files, problemCounts, truncated },
          ok
            ? `The archive verifies: ${flowCount} flow(s), ${versions} version(s), ${files} file(s).`
            : `The archive does NOT verify: ${report.problems.length}${truncated ? '+' : ''} problem(s).`,
        )
        return ok ? EXIT.done : EXIT.itemsFailed
      }),
    )
  return flows
}
