/**
 * `switchboard`: the app's workflows from a terminal, on the app's own data folder (profiles, audit log,
 * jobs). Every command goes through the same core and the same validation as the app's screens.
 */
import { Command, CommanderError, type ParseOptions } from 'commander'
import { setProgramHost, type CliHost } from './cliHost'
import { auditCommand } from './commands/auditCommand'
import { flowsCommand } from './commands/flowsCommand'
import { jobsCommand } from './commands/jobsCommand'
import { privacyCommand } from './commands/privacyCommand'
import { profilesCommand } from './commands/profilesCommand'
import { promptsCommand } from './commands/promptsCommand'
import { recordingsCommand } from './commands/recordingsCommand'
import { sandboxCommand } from './commands/sandboxCommand'
import { uploadCommand } from './commands/uploadCommand'
import { EXIT } from './exitCodes'
import { CLI_VERSION } from './version'

const EXIT_CODES_HELP = `
Profiles: --profile NAME|ID, else the one in GENESYSCLOUD_REGION, GENESYSCLOUD_OAUTHCLIENT_ID and
GENESYSCLOUD_OAUTHCLIENT_SECRET (as the gc CLI reads them; never written anywhere), else the app's active one.
Data folder: --data DIR, else SWITCHBOARD_DATA_DIR, else the desktop app's.

Exit codes: 0 done, 1 some items failed, 2 bad usage, 3 could not connect or authenticate (or open the keychain), 130 stopped by Ctrl-C
(running jobs paused: switchboard jobs resume).

Examples:
  $ switchboard upload ./recordings --profile Production --department Sales
  $ switchboard jobs resume --json`

export function buildProgram(host: CliHost): Command {
  const program = new Command('switchboard')
    .description('Switchboard for Genesys Cloud, from the command line')
    .version(CLI_VERSION)
    .option('--profile <name>', 'profile name or id ("env" for the GENESYSCLOUD_* variables)')
    .option('--data <dir>', 'data folder (default: the desktop app’s)')
    .option('--json', 'one JSON object per result on stdout')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
  program.addCommand(profilesCommand())
  program.addCommand(uploadCommand())
  program.addCommand(promptsCommand())
  program.addCommand(recordingsCommand())
  program.addCommand(privacyCommand())
  program.addCommand(flowsCommand())
  program.addCommand(auditCommand())
  program.addCommand(jobsCommand())
  program.addCommand(sandboxCommand())
  // Sub-commands made with new Command() do not inherit: every one ends in exitOverride so bad usage exits 2.
  const override = (command: Command) => {
    command.exitOverride().showHelpAfterError('(add --help for usage)')
    command.commands.forEach(override)
  }
  program.commands.forEach(override)
  setProgramHost(program, host)
  return program
}

/** Runs one command line; the exit code is left in process.exitCode for the host to exit with. */
export async function main(argv: string[], host: CliHost, parse: ParseOptions = { from: 'node' }): Promise<void> {
  try {
    await buildProgram(host).parseAsync(argv, parse)
  } catch (error) {
    if (error instanceof CommanderError) {
      const shownHelp = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)
      process.exitCode = shownHelp ? EXIT.done : EXIT.usage
      return
    }
    process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = EXIT.itemsFailed
  }
}
