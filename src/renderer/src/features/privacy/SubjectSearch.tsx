import { useState, type FormEvent } from 'react'
import { GDPR_SEARCH_TYPES, type GdprSearchType } from '../../../../shared/contract/privacy'
import { emailProblem, phoneProblem } from '../../../../shared/privacyRules'
import { Button } from '../../ui/Button'
import { Card } from '../../ui/Card'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { SEARCH_TYPE_WORDS } from './privacyWords'
import { emptyDraft } from './requestDraft'
import { SubjectMatches } from './SubjectMatches'
import { usePrivacyWorkspace } from './privacyWorkspace'
import { useSubjectSearch } from './usePrivacy'

function searchProblem(type: GdprSearchType, value: string): string | undefined {
  const trimmed = value.trim()
  if (!trimmed) return 'Enter what to search for.'
  if (type === 'PHONE') return phoneProblem(trimmed)
  if (type === 'EMAIL') return emailProblem(trimmed)
  return undefined
}

/** Search for the data subject by one identifier, see every match and what it is, pick one. */
export function SubjectSearch() {
  const [searchType, setSearchType] = useState<GdprSearchType>('NAME')
  const [value, setValue] = useState('')
  const [error, setError] = useState<string>()
  const search = useSubjectSearch()
  const pick = usePrivacyWorkspace((s) => s.pick)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problem = searchProblem(searchType, value)
    setError(problem)
    if (!problem) search.mutate({ searchType, searchValue: value.trim() })
  }

  return (
    <Card title="Find the data subject">
      <form className="privacy-search" onSubmit={submit} noValidate aria-label="Find the data subject">
        <Field label="Search by">
          {(control) => (
            <select
              {...control}
              className="select"
              value={searchType}
              onChange={(e) => (setSearchType(e.target.value as GdprSearchType), setError(undefined))}
            >
              {GDPR_SEARCH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {SEARCH_TYPE_WORDS[type].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Search for" error={error}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={value}
              placeholder={SEARCH_TYPE_WORDS[searchType].placeholder}
              onChange={(e) => (setValue(e.target.value), setError(undefined))}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <div className="privacy-search-actions">
          <Button type="submit" variant="primary" busy={search.isPending}>
            Search
          </Button>
        </div>
      </form>
      {search.isError && <ErrorPanel error={search.error} title="The search failed" />}
      {search.data && <SubjectMatches result={search.data} />}
      <p className="muted privacy-manual">
        Not found, or you already hold their identifiers?{' '}
        <Button small variant="ghost" onClick={() => pick(emptyDraft(), [])}>
          Enter identifiers by hand
        </Button>
      </p>
    </Card>
  )
}
