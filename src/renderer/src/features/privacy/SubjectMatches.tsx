import type { SubjectMatch, SubjectSearchResult } from '../../../../shared/contract/privacy'
import { Badge } from '../../ui/Badge'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { SEARCH_TYPE_WORDS } from './privacyWords'
import { draftFromSubject } from './requestDraft'
import { usePrivacyWorkspace } from './privacyWorkspace'

/** Every subject the search found, with what it is and the identifiers it carries. */
export function SubjectMatches({ result }: { result: SubjectSearchResult }) {
  const pick = usePrivacyWorkspace((s) => s.pick)
  if (result.matches.length === 0) {
    return (
      <EmptyState title="No one found">
        Nothing in this org matches that {SEARCH_TYPE_WORDS[result.searchType].label.toLowerCase()}. Check the spelling, try another
        identifier, or enter the identifiers by hand.
      </EmptyState>
    )
  }
  return (
    <div className="privacy-matches">
      <p className="muted" role="status">
        {result.matches.length === 1 ? '1 match' : `${result.matches.length} matches`}: pick the one the request is about. One person can be
        several matches (a user and an external contact).
      </p>
      <ul className="privacy-match-list" aria-label="Matches">
        {result.matches.map((match, i) => (
          <li key={i} className="privacy-match">
            <MatchSummary match={match} />
            <Button
              small
              onClick={() => pick(draftFromSubject(match.subject), match.kinds)}
              aria-label={`Use ${match.subject.name ?? 'this subject'} (${match.kinds.join(', ')})`}
            >
              Use this subject
            </Button>
          </li>
        ))}
      </ul>
    </div>
  )
}

function MatchSummary({ match }: { match: SubjectMatch }) {
  const s = match.subject
  const facts = [
    ...s.emailAddresses.map((e) => ['Email', e]),
    ...s.phoneNumbers.map((p) => ['Phone', p]),
    ...s.addresses.map((a) => ['Address', a]),
    ...(s.socialHandle ? [[`Social (${s.socialHandle.type})`, s.socialHandle.value]] : []),
    ...(s.externalId ? [['External id', s.externalId]] : []),
  ]
  return (
    <div className="privacy-match-main">
      <p className="privacy-match-name">
        <span>{s.name || '(no name)'}</span>
        {match.kinds.map((kind) => (
          <Badge key={kind} tone="accent">
            {kind}
          </Badge>
        ))}
      </p>
      <ul className="privacy-match-facts">
        {facts.map(([label, value], i) => (
          <li key={i}>
            <span className="muted">{label}:</span> <span className="mono">{value}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
