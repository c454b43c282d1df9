import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { REGION_IDS } from '../../shared/regions'
import { AppError } from '../../shared/errors'
import { EXIT } from '../exitCodes'
import { runAction } from '../runAction'

export function profilesCommand(): Command {
  const profiles = new Command('profiles').description('List, add and test connection profiles (shared with the app)')

  profiles
    .command('list')
    .description('List the profiles: the app’s, the built-in Sandbox org, and the one from GENESYSCLOUD_* when set')
    .addHelpText('after', '\nExamples:\n  $ switchboard profiles list\n  $ switchboard profiles list --json')
    .action((_opts, command: Command) =>
      runAction(command, async ({ session, out }) => {
        for (const p of await session.call('profiles.list', {})) {
          const { id, name, region, apiBase, clientId, hasSecret, isSandbox, active } = p
          out.result(
            { id, name, region, apiBase, clientId, hasSecret, isSandbox, active },
            `${active ? '*' : ' '} ${name}  (${region}, ${apiBase})  id ${id}${hasSecret ? '' : '  [no secret stored]'}`,
          )
        }
        return EXIT.done
      }),
    )

  profiles
    .command('add')
    .description('Add a profile for a real org; the client secret is read from stdin, never from the command line')
    .argument('<name>', 'a name for the profile')
    .addOption(new Option('--region <id>', 'Genesys Cloud region').choices(REGION_IDS).makeOptionMandatory())
    .requiredOption('--client-id <id>', 'OAuth client id (client credentials grant)')
    .option('--gateway <url>', 'send API and login calls to this address (https, or http://127.0.0.1:PORT for a local sandbox)')
    .option('--secret-stdin', 'read the client secret from standard input (required)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ printf %s "$SECRET" | switchboard profiles add "Production" --region eu-west-1 --client-id 0f1e... --secret-stdin\n  $ switchboard profiles add Lab --region us-east-1 --client-id 5a4d... --gateway http://127.0.0.1:4010 --secret-stdin < secret.txt',
    )
    .action((name: string, opts: { region: string; clientId: string; gateway?: string; secretStdin?: boolean }, command: Command) =>
      runAction(command, async ({ session, out }) => {
        if (!opts.secretStdin) {
          throw new AppError({
            code: 'invalid_input',
            message: 'The client secret is read from standard input: add --secret-stdin.',
            hint: 'A secret on the command line would be visible to every user of this machine (ps) and in shell history.',
          })
        }
        const secret = readFileSync(0, 'utf8').replace(/\r?\n$/, '')
        const saved = await session.call('profiles.save', {
          name,
          region: opts.region as (typeof REGION_IDS)[number],
          clientId: opts.clientId,
          clientSecret: secret,
          gatewayUrl: opts.gateway,
        })
        out.result(
          { id: saved.id, name: saved.name, region: saved.region, apiBase: saved.apiBase, clientId: saved.clientId },
          `Added "${saved.name}" (${saved.region}, ${saved.apiBase}), id ${saved.id}. Check it with: switchboard profiles test --profile "${saved.name}"`,
        )
        return EXIT.done
      }),
    )

  profiles
    .command('test')
    .description('Sign in with the profile and read the org (exit 3 when that fails)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard profiles test --profile Production\n  $ GENESYSCLOUD_REGION=eu-west-1 GENESYSCLOUD_OAUTHCLIENT_ID=... GENESYSCLOUD_OAUTHCLIENT_SECRET=... switchboard profiles test',
    )
    .action((_opts, command: Command) =>
      runAction(
        command,
        async ({ session, out }) => {
          const profile = await session.useProfile()
          const result = await session.call('profiles.test', { id: profile.id })
          out.result(
            { profile: profile.name, ...result },
            `Connected to "${result.orgName}" (${result.region}) as "${profile.name}": token for ${result.tokenLifetimeSeconds} s, ${result.roundTripMs} ms.`,
          )
          return EXIT.done
        },
        { org: true },
      ),
    )
  return profiles
}
