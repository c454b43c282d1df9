import { describe, expect, it } from 'vitest'
import { WEBHOOK_DELIVERY_STATES, WEBHOOK_EVENT_TYPES } from '../../../src/shared/contract/webhooks'
import { dayInputValue } from '../../../src/renderer/src/ui/format'
import {
  attemptOutcomeText,
  countsText,
  deliveryStateText,
  deliveryStateTone,
  endpointHealth,
  endpointHealthText,
  eventTypeText,
  eventsText,
  lastStatusText,
  periodRange,
  queuedText,
  testResultTitle,
  urlProblem,
} from '../../../src/renderer/src/features/integrations/webhookWords'

describe('event types and delivery states in words', () => {
  it('names every event type and state in words; an unknown one stays raw', () => {
    for (const type of WEBHOOK_EVENT_TYPES) expect(eventTypeText(type), type).not.toBe(type)
    for (const state of WEBHOOK_DELIVERY_STATES) expect(deliveryStateText(state), state).not.toBe(state)
    expect(eventTypeText('switchboard.test')).toBe('Test event')
    expect(eventTypeText('future.event')).toBe('future.event')
    expect(deliveryStateText('paused')).toBe('paused')
    expect(deliveryStateTone('paused')).toBe('idle')
    expect(deliveryStateTone('failed')).toBe('bad')
    expect(deliveryStateTone('delivered')).toBe('ok')
  })

  it('says "All events" only when every type is chosen', () => {
    expect(eventsText([...WEBHOOK_EVENT_TYPES], WEBHOOK_EVENT_TYPES.length)).toBe('All events')
    expect(eventsText(['recording.uploaded', 'schema.updated'], WEBHOOK_EVENT_TYPES.length)).toBe('Recording uploaded, Schema updated')
  })
})

describe('endpoint health', () => {
  const base = { enabled: true, disabledReason: undefined, failingSince: undefined, lastDeliveryAt: undefined }

  it('puts Switchboard’s own disabling before the admin’s switch, and failing before healthy', () => {
    expect(endpointHealth({ ...base, enabled: false, disabledReason: 'Failing for 24 hours' })).toEqual({
      kind: 'disabled',
      reason: 'Failing for 24 hours',
    })
    expect(endpointHealth({ ...base, enabled: false, failingSince: '2026-12-01T00:00:00Z' }).kind).toBe('off')
    expect(endpointHealth({ ...base, failingSince: '2026-12-01T00:00:00Z', lastDeliveryAt: '2026-12-01T01:00:00Z' })).toEqual({
      kind: 'failing',
      since: '2026-12-01T00:00:00Z',
    })
    expect(endpointHealth({ ...base, lastDeliveryAt: '2026-12-01T01:00:00Z' }).kind).toBe('healthy')
    expect(endpointHealthText(endpointHealth(base))).toBe('Nothing sent yet')
  })

  it('counts leave the zeros out', () => {
    expect(countsText({ pending: 0, delivered: 0, failed: 0 })).toBe('No events yet')
    expect(countsText({ pending: 1, delivered: 1234, failed: 0 })).toBe(`${(1234).toLocaleString()} delivered · 1 pending`)
  })
})

describe('the address rule', () => {
  it('takes https anywhere and http only to this computer', () => {
    expect(urlProblem('https://hooks.example.com/in')).toBeUndefined()
    expect(urlProblem('http://127.0.0.1:8080/hook')).toBeUndefined()
    expect(urlProblem('http://127.10.0.3/hook')).toBeUndefined()
    expect(urlProblem('http://localhost:3000/')).toBeUndefined()
    expect(urlProblem('http://[::1]:3000/')).toBeUndefined()
    expect(urlProblem('http://hooks.example.com/in')).toMatch(/Use https/)
    expect(urlProblem('http://128.0.0.1/in')).toMatch(/Use https/)
    expect(urlProblem('http://localhost.evil.com/in')).toMatch(/Use https/)
  })

  it('refuses an empty address, a non-address, another scheme and credentials', () => {
    expect(urlProblem('  ')).toMatch(/Type the address/)
    expect(urlProblem('hooks.example.com')).toMatch(/not a web address/)
    expect(urlProblem('ftp://hooks.example.com')).toMatch(/https/)
    expect(urlProblem('https://user:pw@hooks.example.com/')).toMatch(/user name and password/)
  })
})

describe('attempts and test results', () => {
  it('says the status, or that no answer came, and why', () => {
    expect(attemptOutcomeText({ status: 200 })).toBe('200')
    expect(attemptOutcomeText({ status: 503, error: 'Service Unavailable' })).toBe('503 · Service Unavailable')
    expect(attemptOutcomeText({ error: 'timed out' })).toBe('No answer · timed out')
    expect(lastStatusText({ attempts: [] })).toBe('—')
    expect(
      lastStatusText({
        attempts: [
          { at: 'x', status: 503, latencyMs: 3 },
          { at: 'y', latencyMs: 10_000 },
        ],
      }),
    ).toBe('No answer')
  })

  it('heads a test result by what the endpoint did', () => {
    expect(testResultTitle({ status: 200, latencyMs: 12 })).toBe('The endpoint accepted the test event: HTTP 200 in 12 ms')
    expect(testResultTitle({ status: 401, latencyMs: 1500 })).toBe('The endpoint refused the test event: HTTP 401 in 1.50 s')
    expect(testResultTitle({ latencyMs: 10_000, error: { message: 'timed out', hint: 'h' } })).toBe('No answer after 10.00 s')
  })

  it('says how many failed events were queued again', () => {
    expect(queuedText(0)).toMatch(/nothing was sent again/)
    expect(queuedText(1)).toBe('1 failed event queued again.')
    expect(queuedText(3)).toBe('3 failed events queued again.')
  })
})

describe('the redeliver period', () => {
  it('turns two picked days (both included) into [first midnight, midnight after the last)', () => {
    const range = periodRange('2026-11-28', '2026-11-30')
    if ('problem' in range) throw new Error(range.problem)
    expect(range.from).toBe(new Date(2026, 10, 28).toISOString())
    expect(range.to).toBe(new Date(2026, 11, 1).toISOString())
    const oneDay = periodRange('2026-11-30', '2026-11-30')
    if ('problem' in oneDay) throw new Error(oneDay.problem)
    expect(new Date(oneDay.to).getTime() - new Date(oneDay.from).getTime()).toBeGreaterThanOrEqual(23 * 3600_000)
  })

  it('fills the date inputs with the day in the computer’s time zone', () => {
    expect(dayInputValue(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
    expect(dayInputValue(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31')
  })

  it('refuses a missing day and a period that ends before it starts', () => {
    expect(periodRange('', '2026-11-30')).toEqual({ problem: 'Choose the first and the last day.' })
    expect(periodRange('2026-12-02', '2026-11-30')).toEqual({ problem: 'The last day comes before the first.' })
  })
})
