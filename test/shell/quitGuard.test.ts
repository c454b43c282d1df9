import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { fakeEvent, settle } from './fakes'

// quitGuard.ts needs Electron's types only; the mock keeps the real module out.
vi.mock('electron', () => ({ default: {} }))

const { installQuitGuard, quitConfirmation, quitWhenWindowCloses } = await import('../../src/main/quitGuard')

/** A stand-in app whose quit() emits before-quit the way Electron does. */
class FakeApp extends EventEmitter {
  quitCalls = 0
  lastQuitEvent?: ReturnType<typeof fakeEvent>
  quit(): void {
    this.quitCalls += 1
    this.lastQuitEvent = fakeEvent()
    this.emit('before-quit', this.lastQuitEvent)
  }
}

function setup(running: number, answer: boolean) {
  const app = new FakeApp()
  const steps: string[] = []
  const guard = installQuitGuard(app as never, {
    runningJobs: () => running,
    confirmQuit: async (n) => {
      steps.push(`asked about ${n}`)
      return answer
    },
    shutdown: async () => {
      steps.push('shut down')
    },
  })
  return { app, steps, guard }
}

describe('quit guard', () => {
  it('asks when jobs run, and stays open unless confirmed', async () => {
    const { app, steps, guard } = setup(2, false)
    app.quit()
    expect(app.lastQuitEvent?.defaultPrevented).toBe(true)
    await settle()
    expect(steps).toEqual(['asked about 2'])
    expect(app.quitCalls).toBe(1)
    expect(guard.isClosed()).toBe(false)
  })

  it('closes the core and sandbox, then quits, once confirmed', async () => {
    const { app, steps, guard } = setup(3, true)
    app.quit()
    await settle()
    expect(steps).toEqual(['asked about 3', 'shut down'])
    expect(app.quitCalls).toBe(2)
    expect(app.lastQuitEvent?.defaultPrevented).toBe(false)
    expect(guard.isClosed()).toBe(true)
  })

  it('shuts down cleanly without asking when nothing runs', async () => {
    const { app, steps } = setup(0, false)
    app.quit()
    await settle()
    expect(steps).toEqual(['shut down'])
    expect(app.lastQuitEvent?.defaultPrevented).toBe(false)
  })

  it('asks once even when quit is requested again while the question is open', async () => {
    const { app, steps } = setup(1, false)
    app.quit()
    app.quit()
    await settle()
    expect(steps).toEqual(['asked about 1'])
  })

  it('words the question with the number of running jobs', () => {
    expect(quitConfirmation(1).message).toMatch(/^1 job is still running .*Quit anyway\?$/)
    expect(quitConfirmation(4).message).toMatch(/^4 jobs are still running/)
    expect(quitConfirmation(4).detail).toMatch(/resumed next time/)
  })

  it('routes closing the window through the guard outside macOS', async () => {
    const { app, steps, guard } = setup(1, false)
    const window = new EventEmitter()
    quitWhenWindowCloses(window as never, app as never, guard, 'linux')
    const close = fakeEvent()
    window.emit('close', close)
    await settle()
    expect(close.defaultPrevented).toBe(true)
    expect(steps).toEqual(['asked about 1'])
  })
})
