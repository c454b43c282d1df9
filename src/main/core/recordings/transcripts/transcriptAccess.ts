import type { GenesysClient } from '../../genesys'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import type { TranscriptAuditor } from './transcriptAudit'

/** What reading a transcript needs: the profile's client, its link rule, a stop, and where audit entries go. */
export interface TranscriptAccess {
  client: GenesysClient
  /** Where transcript URLs may point (the profile's link rule). */
  links: OutboundUrlRule
  signal?: AbortSignal
  /** Where audit entries go (see transcriptAudit.ts); without it nothing is audited here. */
  audit?: TranscriptAuditor
}
