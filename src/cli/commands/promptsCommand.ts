import { resolve } from 'node:path'
import { Command } from 'commander'
import type { PromptUploadView } from '../../shared/contract/prompts/batch'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'
import { waitFor } from '../waitFor'
import { connect } from './connect'

const FINAL = new Set<PromptUploadView['state']>(['transcoded', 'transcodeFailed', 'skipped', 'failed', 'cancelled'])
const STOPPED = new Set<PromptUploadView['state']>(['paused', 'interrupted'])

export function promptsCommand(): Command {
  const prompts = new Command('prompts').description('Architect prompts: upload WAV files as prompt resources')

  prompts
    .command('upload')
    .description(
      'Upload WAV files (name_lang.wav such as welcome_en.wav, or a CSV manifest) as prompts; existing languages are kept unless --replace',
    )
    .argument('<paths...>', 'folders, WAV files or a CSV manifest')
    .option('--language <code>', 'the language of files whose name carries none', 'en-US')
    .option('--replace', 'replace languages the prompts already have')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard prompts upload ./prompts\n  $ switchboard prompts upload ./prompts --language de-DE --replace --json',
    )
    .action((paths: string[], opts: { language: string; replace?: boolean }, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          const { session, out, progress } = ctx
          await connect(ctx)
          const plan = await session.call('prompts.plan', { paths: paths.map((p) => resolve(p)), defaultLanguage: opts.language })
          for (const item of plan.items.filter((i) => i.action === 'refused')) {
            out.result(
              {
                type: 'prompt',
                path: item.path,
                promptName: item.promptName,
                language: item.language,
                state: 'refused',
                refusal: item.refusal,
                hint: item.hint,
              },
              `refused   ${item.fileName}: ${item.refusal ?? ''}${item.hint ? ` (${item.hint})` : ''}`,
            )
          }
          const replace = opts.replace ? plan.items.filter((i) => i.action === 'replace').map((i) => i.key) : []
          const batch = await session.call('prompts.batch.start', { planId: plan.id, replace })
          out.info(`Uploading ${batch.items.length} prompt file(s).`)
          const reported = new Set<string>()
          const items = await waitFor(async () => {
            const current = (await session.call('prompts.batch.list', {})).find((b) => b.id === batch.id)?.items ?? []
            for (const item of current) {
              ctx.ownJobs.add(item.id)
              if (FINAL.has(item.state) && !reported.has(item.id)) {
                reported.add(item.id)
                progress.stop()
                const { id, path, promptName, language, promptId, state, replaced, skipReason, error } = item
                out.result(
                  { type: 'prompt', id, path, promptName, language, promptId, state, replaced, skipReason, error },
                  `${state.padEnd(9)} ${promptName} (${language})${error ? `: ${error.message}` : skipReason ? `: ${skipReason}` : ''}`,
                )
              }
            }
            progress.update({ label: 'Prompts', done: reported.size, total: current.length })
            return current.every((i) => FINAL.has(i.state) || STOPPED.has(i.state)) ? current : undefined
          })
          progress.stop()
          const refused = plan.items.filter((i) => i.action === 'refused').length
          const bad = refused + items.filter((i) => !['transcoded', 'skipped'].includes(i.state)).length
          return bad > 0 ? EXIT.itemsFailed : EXIT.done
        },
        { org: true },
      ),
    )
  return prompts
}
