import type { CliSession } from './cliSession'
import type { Output } from './output'
import type { Progress } from './progress'

export interface ActionContext {
  session: CliSession
  out: Output
  progress: Progress
  /** Jobs this run started or resumed: Ctrl-C pauses those still going. */
  ownJobs: Set<string>
}
