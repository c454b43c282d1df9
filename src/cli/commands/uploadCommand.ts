import { resolve } from 'node:path'
import { Command } from 'commander'
import type { UploadView } from '../../shared/contract/uploads'
import { EXIT } from '../exitCodes'
import { formatBytes } from '../output'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'
import { connect } from './connect'

const FINAL = new Set<UploadView['state']>(['done', 'skipped', 'failed', 'refused', 'cancelled'])
const STOPPED = new Set<UploadView['state']>(['paused', 'interrupted'])

interface UploadOptions {
  department?: string
  complianceTag?: string
  retention?: string
  force?: boolean
}

export function uploadCommand(): Command {
  return new Command('upload')
    .description('Upload the recordings in folders or files, checked and audited as in the app')
    .argument('<paths...>', 'folders or audio files')
    .option('--department <name>', 'batch metadata: department')
    .option('--compliance-tag <tag>', 'batch metadata: compliance tag')
    .option('--retention <directive>', 'batch metadata: retention directive')
    .option('--force', 'upload files whose content is already in the org')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard upload ./recordings --profile Production --department Sales\n  $ switchboard upload ./night-batch --json > results.ndjson',
    )
    .action((paths: string[], opts: UploadOptions, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          const { session, out, progress } = ctx
          const profile = await connect(ctx)
          const batch = await session.call('uploads.start', {
            paths: paths.map((p) => resolve(p)),
            metadata: {
              department: opts.department ?? '',
              complianceTag: opts.complianceTag ?? '',
              retentionDirective: opts.retention ?? '',
            },
            force: Boolean(opts.force),
          })
          out.info(`Uploading to "${profile.orgName}" as "${profile.name}": ${batch.summary.files} file(s), batch ${batch.id}.`)
          const reported = new Set<string>()
          const rows = await waitFor(async () => {
            const snapshot = await session.call('uploads.list', {})
            const mine = snapshot.rows.filter((r) => r.batchId === batch.id)
            for (const row of mine) {
              if (!row.id.startsWith('refused:')) ctx.ownJobs.add(row.id)
              if (FINAL.has(row.state) && !reported.has(row.id)) {
                reported.add(row.id)
                progress.stop()
                out.result(uploadResult(row), humanLine(row))
              }
            }
            const summary = snapshot.batches.find((b) => b.id === batch.id)?.summary
            progress.update({
              label: 'Uploading',
              done: mine.filter((r) => FINAL.has(r.state)).length,
              total: mine.length,
              doneBytes: summary?.bytesSent,
              totalBytes: summary?.bytesTotal,
              bytesPerSecond: sum(mine.map((r) => r.bytesPerSecond)),
              etaSeconds: max(mine.map((r) => r.etaSeconds)),
            })
            return mine.every((r) => FINAL.has(r.state) || STOPPED.has(r.state)) ? mine : undefined
          })
          progress.stop()
          const count = (states: UploadView['state'][]) => rows.filter((r) => states.includes(r.state)).length
          const bad = count(['failed', 'refused', 'cancelled', 'paused', 'interrupted'])
          out.info(
            `${count(['done'])} uploaded, ${count(['skipped'])} skipped (already in the org), ${count(['failed'])} failed, ${count(['refused'])} refused` +
              (count(['paused', 'interrupted']) ? `, ${count(['paused', 'interrupted'])} paused (switchboard jobs resume)` : '') +
              '.',
          )
          return bad > 0 ? EXIT.itemsFailed : EXIT.done
        },
        { org: true },
      ),
    )
}

function uploadResult(row: UploadView): object {
  const { id, batchId, name, path, size, state, sha256, uploadKey, skipReason, error, retries } = row
  return { type: 'upload', id, batchId, name, path, size, state, sha256, uploadKey, skipReason, error, retries }
}

function humanLine(row: UploadView): string {
  const why = row.error
    ? `: ${row.error.message}${row.error.hint ? ` (${row.error.hint})` : ''}`
    : row.skipReason
      ? `: ${row.skipReason}`
      : ''
  return `${row.state.padEnd(9)} ${row.name}  ${formatBytes(row.size)}${why}`
}

const sum = (values: (number | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0) || undefined
const max = (values: (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined)
  return known.length ? Math.max(...known) : undefined
}
