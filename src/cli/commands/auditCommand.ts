import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import { AUDIT_EXPORT_FORMATS, type AuditExportView } from '../../shared/contract/audit'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'

export function auditCommand(): Command {
  const audit = new Command('audit').description('Check and export the audit log (the same log the app writes)')

  audit
    .command('verify')
    .description('Check the hash chain and the signed head of the audit log (exit 1 when it does not verify)')
    .option('--include-archive', 'check the archived segments too')
    .addHelpText('after', '\nExamples:\n  $ switchboard audit verify\n  $ switchboard audit verify --json')
    .action((opts: { includeArchive?: boolean }, command: Command) =>
      runAction(command, async ({ session, out }) => {
        const result = await session.call('audit.verify', { includeArchive: opts.includeArchive })
        out.result(
          { type: 'audit.verify', ...result },
          result.ok
            ? `The audit log verifies: ${result.entries} entries, head ${result.headHash.slice(0, 16)}…${result.head?.problem ? ` (head signature: ${result.head.problem})` : ''}`
            : `The audit log does NOT verify${result.firstBad ? ` from line ${result.firstBad.line}: ${result.firstBad.reason}` : ''}${result.head?.problem ? ` (head: ${result.head.problem})` : ''}`,
        )
        return result.ok ? EXIT.done : EXIT.itemsFailed
      }),
    )

  audit
    .command('export')
    .description('Export the audit log to a file')
    .addOption(new Option('--format <format>', 'file format').choices(AUDIT_EXPORT_FORMATS).default('csv'))
    .requiredOption('--out <file>', 'the file to write')
    .option('--overwrite', 'replace the file if it exists')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard audit export --format csv --out audit.csv\n  $ switchboard audit export --format bundle --out audit-2026-11.zip --overwrite',
    )
    .action((opts: { format: (typeof AUDIT_EXPORT_FORMATS)[number]; out: string; overwrite?: boolean }, command: Command) =>
      runAction(command, async (ctx) => {
        const started = await ctx.session.call('audit.export', {
          format: opts.format,
          path: resolve(opts.out),
          overwrite: Boolean(opts.overwrite),
        })
        ctx.ownJobs.add(started.job.id)
        const done = await waitFor(async () => {
          const found = (await ctx.session.call('audit.exports', {})).find((e) => e.job.id === started.job.id)
          return found && !['queued', 'running'].includes(found.job.state) ? found : undefined
        })
        return report(ctx.out, done)
      }),
    )
  return audit
}

function report(out: { result(value: object, human: string): void }, done: AuditExportView) {
  const { job, result } = done
  out.result(
    { type: 'audit.export', jobId: job.id, state: job.state, format: done.format, ...result, error: job.error },
    result
      ? `Exported ${result.entries} entries to ${result.path} (${result.bytes} bytes, sha256 ${result.sha256}).`
      : `Export ${job.state}: ${job.error?.message ?? ''}`,
  )
  return job.state === 'done' ? EXIT.done : EXIT.itemsFailed
}
