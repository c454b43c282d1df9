import { Command } from 'commander'

/**
 * `switchboard sandbox`: the standalone Sandbox org, as `npm run sandbox` starts it. Its options are the
 * sandbox's own (parsed there, so the two entry points cannot drift); `--help` prints them.
 */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('Start the simulated Genesys Cloud org on 127.0.0.1 (demo data, faults) until Ctrl-C')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[options...]', 'the sandbox options: see switchboard sandbox --help')
    .addHelpText(
      'after',
      '\nExamples:\n  $ switchboard sandbox --port 8787\n  $ switchboard sandbox --faults \'{"errorRate5xx":0.1}\'\n  $ switchboard sandbox --help',
    )
    .action(async (args: string[]) => {
      // Loaded only here: the simulator is most of the CLI's code.
      const { runStandaloneSandbox } = await import('../../main/sandbox/standalone')
      // Once started it runs until a signal, which exits the process: this command never returns then.
      if (await runStandaloneSandbox(args, 'switchboard sandbox')) await new Promise<never>(() => undefined)
    })
}
