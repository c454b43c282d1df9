import { describe, expect, it, vi } from 'vitest'
import { SIGNAL_NAMES } from '../../src/shared/api'
import type { SignalName, Handlers, InvokeResponse } from '../../src/shared/api'
import { AppError } from '../../src/shared/errors'
import { FakeWebContents, fakeFrame } from './fakes'

// ipc.ts only needs Electron's types; the mock makes sure nothing loads the real module.
vi.mock('electron', () => ({ default: {} }))

const { EVENT_CHANNEL, INVOKE_CHANNEL, bindCoreToIpc, createSenderCheck, isRendererUrl, trustedWebContents } =
  await import('../../src/main/ipc')

// The built renderer, served by the app:// protocol (src/main/rendererProtocol.ts).
const RENDERER = 'app://switchboard/index.html'
type InvokeListener = (event: unknown, method: unknown, input: unknown) => Promise<InvokeResponse<unknown>>

function fakeCore() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const calls: { method: string; input: unknown }[] = []
  const handlers = {
    'profiles.remove': async (input: { id: string }) => {
      calls.push({ method: 'profiles.remove', input })
      return { removed: input.id }
    },
    'audit.tail': async (input: { limit: number }) => {
      calls.push({ method: 'audit.tail', input })
      return []
    },
    'profiles.test': async () => {
      throw new Error('socket hang up')
    },
    'jobs.cancel': async () => {
      throw new AppError({ code: 'not_found', message: 'No job j1.', hint: 'Reload the list.', correlationId: 'c-1' })
    },
  } as unknown as Handlers
  return {
    calls,
    core: {
      handlers,
      on(event: SignalName, listener: (payload: unknown) => void) {
        const set = listeners.get(event) ?? new Set()
        listeners.set(event, set)
        set.add(listener)
        return () => set.delete(listener)
      },
    },
    emit(event: SignalName, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  }
}

function setup() {
  const window = new FakeWebContents(1, fakeFrame(RENDERER))
  const windows = [window]
  let handler: InvokeListener | undefined
  const removed: string[] = []
  const ipcMain = {
    handle: (channel: string, listener: InvokeListener) => {
      expect(channel).toBe(INVOKE_CHANNEL)
      handler = listener
    },
    removeHandler: (channel: string) => removed.push(channel),
  }
  const fake = fakeCore()
  const refused: string[] = []
  const unbind = bindCoreToIpc(
    ipcMain as never,
    fake.core as never,
    createSenderCheck(() => windows as never, RENDERER),
    {
      eventTargets: () => trustedWebContents(() => windows as never, RENDERER),
      log: (message) => refused.push(message),
    },
  )
  const fromApp = { sender: { id: 1 }, senderFrame: window.mainFrame }
  const invoke = (method: unknown, input: unknown, event: unknown = fromApp) => {
    if (!handler) throw new Error('no handler bound')
    return handler(event, method, input)
  }
  return { window, windows, invoke, fake, refused, removed, unbind }
}

function expectRefused(response: InvokeResponse<unknown>, code: string) {
  expect(response.ok).toBe(false)
  if (response.ok) return
  expect(response.error.code).toBe(code)
  expect(response.error.name).toBe('AppError')
  expect(response.error.hint).not.toBe('')
  // A stack would name this file in its frames.
  expect(JSON.stringify(response)).not.toContain('ipc.test')
}

describe('IPC binding', () => {
  it('answers a valid call from the app window with the handler value', async () => {
    const { invoke, fake } = setup()
    expect(await invoke('profiles.remove', { id: 'p1' })).toEqual({ ok: true, value: { removed: 'p1' } })
    expect(fake.calls).toEqual([{ method: 'profiles.remove', input: { id: 'p1' } }])
  })

  it('hands the handler the parsed input (defaults applied)', async () => {
    const { invoke, fake } = setup()
    await invoke('audit.tail', {})
    expect(fake.calls).toEqual([{ method: 'audit.tail', input: { limit: 100 } }])
  })

  it.each(['fs.readFile', 'constructor', '__proto__', 'toString', 42, null])('rejects the unknown method %s', async (method) => {
    const { invoke, fake } = setup()
    expectRefused(await invoke(method, {}), 'invalid_input')
    expect(fake.calls).toEqual([])
  })

  it.each([
    ['a missing field', {}],
    ['a wrong type', { id: 5 }],
    ['an extra field', { id: 'p1', admin: true }],
    ['no object at all', 'p1'],
  ])('rejects input with %s as invalid_input without calling the core', async (_what, input) => {
    const { invoke, fake } = setup()
    expectRefused(await invoke('profiles.remove', input), 'invalid_input')
    expect(fake.calls).toEqual([])
  })

  it('turns a handler error into AppError data without a stack', async () => {
    const { invoke } = setup()
    const response = await invoke('profiles.test', { id: 'p1' })
    expectRefused(response, 'internal')
    if (!response.ok) {
      expect(response.error.message).toBe('socket hang up')
      expect(Object.keys(response.error)).not.toContain('stack')
    }
  })

  it('keeps an AppError from the core as it is', async () => {
    const { invoke } = setup()
    const response = await invoke('jobs.cancel', { id: 'j1' })
    expect(response).toEqual({
      ok: false,
      error: { name: 'AppError', code: 'not_found', message: 'No job j1.', hint: 'Reload the list.', correlationId: 'c-1' },
    })
  })
})

describe('IPC sender check', () => {
  it('refuses a sender without a frame', async () => {
    const { invoke, fake, refused } = setup()
    expectRefused(await invoke('profiles.remove', { id: 'p1' }, { sender: { id: 1 }, senderFrame: null }), 'forbidden')
    expect(fake.calls).toEqual([])
    expect(refused).toHaveLength(1)
  })

  it('refuses a subframe of our window', async () => {
    const { invoke, window, fake } = setup()
    const child = fakeFrame(RENDERER, { parent: window.mainFrame, frameToken: 'child' })
    expectRefused(await invoke('profiles.remove', { id: 'p1' }, { sender: { id: 1 }, senderFrame: child }), 'forbidden')
    expect(fake.calls).toEqual([])
  })

  it('refuses any frame that has a parent, even one claiming the main frame’s identity', async () => {
    const { invoke, window, fake } = setup()
    const impostor = { ...window.mainFrame, parent: fakeFrame(RENDERER, { frameToken: 'outer' }) }
    expectRefused(await invoke('profiles.remove', { id: 'p1' }, { sender: { id: 1 }, senderFrame: impostor }), 'forbidden')
    expect(fake.calls).toEqual([])
  })

  it('refuses a top frame that is not our window’s main frame', async () => {
    const { invoke, fake } = setup()
    const other = fakeFrame(RENDERER, { frameToken: 'another-top-frame' })
    expectRefused(await invoke('profiles.remove', { id: 'p1' }, { sender: { id: 1 }, senderFrame: other }), 'forbidden')
    expect(fake.calls).toEqual([])
  })

  it('refuses web contents that are not ours', async () => {
    const { invoke, fake } = setup()
    const stranger = new FakeWebContents(99, fakeFrame(RENDERER))
    expectRefused(await invoke('profiles.remove', { id: 'p1' }, { sender: { id: 99 }, senderFrame: stranger.mainFrame }), 'forbidden')
    expect(fake.calls).toEqual([])
  })

  it.each([
    'https://evil.example/index.html',
    'file:///tmp/evil/index.html',
    'file:///opt/switchboard/out/renderer/index.html',
    'app://evil/index.html',
    'app://switchboard/other.html',
    'app://user@switchboard/index.html',
    'app://switchboard:8080/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('refuses our main frame once it shows %s', async (url) => {
    const { invoke, window, fake } = setup()
    window.mainFrame.url = url
    expectRefused(await invoke('profiles.remove', { id: 'p1' }), 'forbidden')
    expect(fake.calls).toEqual([])
  })

  it('accepts our renderer at app://switchboard/index.html', async () => {
    const { invoke } = setup()
    expect(isRendererUrl('app://switchboard/index.html', RENDERER)).toBe(true)
    expect((await invoke('profiles.remove', { id: 'p1' })).ok).toBe(true)
  })

  it('accepts our renderer on any of its own routes', async () => {
    const { invoke, window } = setup()
    window.mainFrame.url = `${RENDERER}#/audit?x=1`
    expect((await invoke('profiles.remove', { id: 'p1' })).ok).toBe(true)
  })

  it('matches the dev server by origin only', () => {
    expect(isRendererUrl('http://localhost:5173/#/uploads', 'http://localhost:5173')).toBe(true)
    expect(isRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isRendererUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false)
    expect(isRendererUrl('file:///opt/switchboard/out/renderer/index.html', 'http://localhost:5173')).toBe(false)
  })
})

describe('IPC events', () => {
  it('sends core events to our window only', () => {
    const { window, windows, fake } = setup()
    const elsewhere = new FakeWebContents(2, fakeFrame('https://evil.example/'))
    const closed = new FakeWebContents(3, fakeFrame(RENDERER))
    closed.destroyed = true
    windows.push(elsewhere, closed)
    fake.emit('notice', { id: 'n1', level: 'info', message: 'hello' })
    expect(window.sent).toEqual([[EVENT_CHANNEL, 'notice', { id: 'n1', level: 'info', message: 'hello' }]])
    expect(elsewhere.sent).toEqual([])
    expect(closed.sent).toEqual([])
  })

  it('subscribes to every contract event and lets go of all of them on unbind', () => {
    const { fake, unbind, removed } = setup()
    expect(fake.listenerCount()).toBe(SIGNAL_NAMES.length)
    unbind()
    expect(fake.listenerCount()).toBe(0)
    expect(removed).toEqual([INVOKE_CHANNEL])
  })
})
