/**
 * At most MAX_ARCHIVE_JOBS (5) archives run at once, however many flows are started: the rest wait as
 * queued and start as others finish. Watched two ways: the archive signals the screen gets, and the job
 * runner's own list.
 */
import { afterEach, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox'
import { MAX_ARCHIVE_JOBS, type ArchiveState } from '../../src/shared/contract/flows'
import { call, isOver, startFlowArchiveSession, waitForArchive, type FlowArchiveSession } from './helpers/flowArchiveSession'

let session: FlowArchiveSession | undefined

afterEach(async () => {
  await session?.close()
  session = undefined
})

it('runs at most 5 archives at once, and every one of 10 to the end', { timeout: 90_000 }, async () => {
  session = await startFlowArchiveSession({ faults: { latencyMs: [20, 40], routes: '/configuration$' } })
  const s = session
  const flowIds = Object.entries(SANDBOX_FLOW_SEEDS)
    .filter(([key]) => key !== 'denied')
    .map(([, id]) => id)
    .slice(0, 10)
  expect(flowIds).toHaveLength(10)

  const states = new Map<string, ArchiveState>()
  let mostBySignals = 0
  s.core.on('flows.archive.changed', (view) => {
    states.set(view.id, view.state)
    mostBySignals = Math.max(mostBySignals, [...states.values()].filter((state) => state === 'running').length)
  })
  let mostByRunner = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const jobs = await call(s.core, 'jobs.list', {})
      mostByRunner = Math.max(mostByRunner, jobs.filter((j) => j.kind === 'flows.archive' && j.state === 'running').length)
      await new Promise((r) => setTimeout(r, 15))
    }
  })()

  const started = await call(s.core, 'flows.archive.start', {
    folder: s.folder,
    flows: flowIds.map((flowId) => ({ flowId })),
    policy: { lastDays: 3650, maxVersions: 8, publishedOnly: false },
  })
  expect(started).toHaveLength(10)
  const done = await Promise.all(started.map((view) => waitForArchive(s.core, view.id, isOver)))
  sampling = false
  await sampler

  expect(done.map((view) => view.state)).toEqual(Array(10).fill('done'))
  expect(done.every((view) => view.counts.written === 8)).toBe(true)
  expect(mostByRunner).toBeLessThanOrEqual(MAX_ARCHIVE_JOBS)
  expect(mostBySignals).toBeLessThanOrEqual(MAX_ARCHIVE_JOBS)
  // The limit is used, not just respected.
  expect(Math.max(mostByRunner, mostBySignals)).toBe(MAX_ARCHIVE_JOBS)
})
