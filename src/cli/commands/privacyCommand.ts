import { resolve } from 'node:path'
import { Command } from 'commander'
import { FINAL_GDPR_STATUSES, type PrivacyRequestView } from '../../shared/contract/privacy'
import { EXIT } from '../exitCodes'
import type { Output } from '../output'
import type { CliSession } from '../cliSession'
import { runAction } from '../runAction'
import { connect } from './connect'

export function privacyCommand(): Command {
  const privacy = new Command('privacy').description('GDPR requests: export a data subject’s data, track requests and save their results')

  privacy
    .command('export')
    .description('Submit a GDPR export request for a data subject (tracked until complete, by the app or `privacy track`)')
    .option('--email <address...>', 'the subject’s email addresses')
    .option('--phone <number...>', 'the subject’s phone numbers')
    .option('--name <name>', 'the subject’s name')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard privacy export --email jane@example.com --name "Jane Doe"\n  $ switchboard privacy export --email jane@example.com --json',
    )
    .action((opts: { email?: string[]; phone?: string[]; name?: string }, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          await connect(ctx)
          const { request, foundAfterFailure } = await ctx.session.call('privacy.submit', {
            requestType: 'GDPR_EXPORT',
            subject: { name: opts.name, emailAddresses: opts.email ?? [], phoneNumbers: opts.phone ?? [] },
          })
          ctx.out.result(
            { ...requestResult(request), foundAfterFailure },
            `Submitted GDPR export ${request.id} (${request.status}). Follow it with: switchboard privacy track`,
          )
          return EXIT.done
        },
        { org: true },
      ),
    )

  privacy
    .command('track')
    .description('Check every unfinished request now; with --out, save the results of completed ones not saved yet')
    .option('--out <dir>', 'save completed requests’ results into this folder')
    .option('--csv', 'also write the results as CSV')
    .addHelpText('after', '\nExamples:\n  $ switchboard privacy track\n  $ switchboard privacy track --out /srv/gdpr --csv --json')
    .action((opts: { out?: string; csv?: boolean }, command: Command) =>
      runAction(
        command,
        async (ctx) => {
          await connect(ctx)
          const { requests } = await ctx.session.call('privacy.list', {})
          let failed = 0
          for (const listed of requests) {
            const request = FINAL_GDPR_STATUSES.includes(listed.status)
              ? listed
              : await ctx.session.call('privacy.checkNow', { id: listed.id })
            if (request.status === 'ERROR') failed += 1
            failed += await report(ctx.session, ctx.out, request, opts)
          }
          return failed > 0 ? EXIT.itemsFailed : EXIT.done
        },
        { org: true },
      ),
    )
  return privacy
}

/** One line per request; saves its results first when asked and not done yet. Returns 1 when the save had problems. */
async function report(
  session: CliSession,
  out: Output,
  request: PrivacyRequestView,
  opts: { out?: string; csv?: boolean },
): Promise<number> {
  const canSave = opts.out && request.status === 'COMPLETED' && request.resultsCount > 0 && request.saved.length === 0
  const saved = canSave
    ? await session.call('privacy.saveResults', { id: request.id, folder: resolve(opts.out as string), csv: Boolean(opts.csv) })
    : undefined
  out.result(
    { ...requestResult(request), ...(saved ? { savedTo: saved.folder, savedFiles: saved.files.length, problems: saved.problems } : {}) },
    `${request.status.padEnd(10)} ${request.id}  ${request.requestType}  ${request.subjectName}${saved ? `  saved ${saved.files.length} file(s) to ${saved.folder}` : ''}`,
  )
  return saved && saved.problems.length > 0 ? 1 : 0
}

function requestResult(r: PrivacyRequestView): object {
  const { id, requestType, status, subjectName, identifierKinds, createdDate, resultsCount, profileName, orgName, lastError } = r
  return {
    type: 'privacy.request',
    id,
    requestType,
    status,
    subjectName,
    identifierKinds,
    createdDate,
    resultsCount,
    profileName,
    orgName,
    error: lastError,
  }
}
