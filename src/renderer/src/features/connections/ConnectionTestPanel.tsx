import { useEffect, useRef } from 'react'
import type { ConnectionTestResult, ProfileView } from '../../../../shared/api'
import { Card } from '../../ui/Card'
import { CopyButton } from '../../ui/CopyButton'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { DateTime } from '../../ui/DateTime'
import { formatMs, formatSeconds, regionLabel } from '../../ui/format'
import { StatusDot } from '../../ui/StatusDot'
import { Fact } from '../../ui/Fact'

export type TestState =
  | { kind: 'idle' }
  | { kind: 'testing'; profile: ProfileView }
  | { kind: 'passed'; profile: ProfileView; result: ConnectionTestResult }
  | { kind: 'failed'; profile: ProfileView; error: unknown }

/** The last "Test connection": the org it reached and how fast, or why it failed. Space is kept for it. */
export function ConnectionTestPanel({ state }: { state: TestState }) {
  const ref = useRef<HTMLDivElement>(null)
  // The panel sits below the list: bring it into view as a test starts and ends, so the answer is not missed.
  useEffect(() => {
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    if (state.kind !== 'idle') ref.current?.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' })
  }, [state.kind])
  return (
    <div ref={ref}>
      <Card title="Connection test result" className="test-panel" live>
        <TestBody state={state} />
      </Card>
    </div>
  )
}

function TestBody({ state }: { state: TestState }) {
  switch (state.kind) {
    case 'idle':
      return (
        <p className="muted">Choose “Test connection” on a profile: Switchboard gets a token and reads the organisation it belongs to.</p>
      )
    case 'testing':
      return (
        <p className="test-line">
          <StatusDot tone="busy" />
          <span>Testing “{state.profile.name}”: getting a token and reading the organisation…</span>
        </p>
      )
    case 'failed':
      return <ErrorPanel error={state.error} title={`Connection test of “${state.profile.name}” failed`} />
    case 'passed':
      return <TestPassed profile={state.profile} result={state.result} />
  }
}

function TestPassed({ profile, result }: { profile: ProfileView; result: ConnectionTestResult }) {
  return (
    <>
      <p className="test-line test-ok">
        <StatusDot tone="ok" />
        <span>
          “{profile.name}” connected to <strong>{result.orgName}</strong>
        </span>
      </p>
      <dl className="facts facts-grid">
        <Fact term="Organisation">{result.orgName}</Fact>
        <Fact term="Org id">
          <code>{result.orgId}</code>
        </Fact>
        <Fact term="Region">{regionLabel(result.region)}</Fact>
        <Fact term="Token lifetime">{formatSeconds(result.tokenLifetimeSeconds)}</Fact>
        <Fact term="Round trip">
          <span className="num">{formatMs(result.roundTripMs)}</span>
        </Fact>
        <Fact term="Tested at">
          <DateTime iso={result.testedAt} />
        </Fact>
        {result.correlationId && (
          <Fact term="Correlation id">
            <code>{result.correlationId}</code>
            <CopyButton text={result.correlationId} label="Copy correlation id" />
          </Fact>
        )}
      </dl>
    </>
  )
}
