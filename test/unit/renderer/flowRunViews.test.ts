import { describe, expect, it } from 'vitest'
import { newerRunView, withRunList, withRunView } from '../../../src/renderer/src/features/flows/runViews'

type Run = { id: string; revision: number; state: string }
const run = (id: string, revision: number, state: string): Run => ({ id, revision, state })

describe('the views of archive runs and exports the screen keeps', () => {
  it('keeps the signal’s finished view when the start’s answer, numbered before it, arrives after it', () => {
    const afterSignals = withRunView(withRunView([], run('a', 5, 'Started')), run('a', 9, 'saved'))
    const answered = withRunView(afterSignals, run('a', 2, 'queued'))
    expect(answered).toEqual([run('a', 9, 'saved')])
    expect(newerRunView(run('a', 9, 'saved'), run('a', 2, 'queued')).state).toBe('saved')
  })

  it('takes a newer view in its place, a new run first, and the first view of a run', () => {
    const list = [run('b', 3, 'running'), run('a', 1, 'done')]
    expect(withRunView(list, run('b', 4, 'done')).map((r) => `${r.id}:${r.state}`)).toEqual(['b:done', 'a:done'])
    expect(withRunView(list, run('c', 1, 'queued')).map((r) => r.id)).toEqual(['c', 'b', 'a'])
    expect(withRunView(undefined, run('a', 1, 'queued'))).toEqual([run('a', 1, 'queued')])
    expect(list[0].state).toBe('running')
  })

  it('merges a list’s answer run by run, keeping what a signal brought after the list was built', () => {
    const held = [run('new', 12, 'queued'), run('a', 10, 'done'), run('b', 4, 'running'), run('cleared', 2, 'done')]
    const answer = [run('a', 7, 'running'), run('b', 8, 'done')]
    expect(withRunList(held, answer)).toEqual([run('new', 12, 'queued'), run('a', 10, 'done'), run('b', 8, 'done')])
  })

  it('takes the list as it is the first time, and an empty list clears what the screen held', () => {
    const answer = [run('a', 7, 'running')]
    expect(withRunList(undefined, answer)).toBe(answer)
    expect(withRunList([run('a', 9, 'done')], [])).toEqual([])
  })
})
