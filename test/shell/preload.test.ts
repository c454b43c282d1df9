import { beforeEach, describe, expect, it, vi } from 'vitest'
import { SIGNAL_NAMES, METHOD_NAMES } from '../../src/shared/api'
import type { SwitchboardBridge } from '../../src/shared/api'

type EventListener = (event: unknown, ...args: unknown[]) => void

const electron = vi.hoisted(() => {
  const exposed: { key: string; api: unknown }[] = []
  const ipcListeners: { channel: string; listener: (event: unknown, ...args: unknown[]) => void }[] = []
  const invoke = vi.fn(async (_channel: string, method: string, input: unknown) => ({ ok: true, value: { echoed: method, input } }))
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => ipcListeners.push({ channel, listener }),
      removeListener: () => undefined,
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/home/admin/Recordings/${file.name}` },
  }
  return { exposed, ipcListeners, invoke, module }
})
vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

await import('../../src/preload/index')

const bridge = () => electron.exposed[0]?.api as SwitchboardBridge
const untyped = () =>
  bridge() as unknown as { invoke(method: unknown, input: unknown): Promise<unknown>; on(event: unknown, listener: unknown): () => void }

function deliver(name: unknown, payload: unknown) {
  const sender = { sender: 'the IpcRendererEvent must not reach the page' }
  for (const { channel, listener } of electron.ipcListeners) {
    if (channel === 'switchboard:event') (listener as EventListener)(sender, name, payload)
  }
}

beforeEach(() => {
  electron.invoke.mockClear()
})

describe('preload bridge', () => {
  it('exposes one object, window.switchboard, with exactly invoke, on, pathForFile and shell', () => {
    expect(electron.exposed.map((e) => e.key)).toEqual(['switchboard'])
    expect(Object.keys(bridge()).sort()).toEqual(['invoke', 'on', 'pathForFile', 'shell'])
    expect(bridge().shell).toBe('electron')
    expect(bridge()).not.toHaveProperty('require')
    expect(bridge()).not.toHaveProperty('process')
    expect(bridge()).not.toHaveProperty('ipcRenderer')
  })

  it('forwards every contract method on the one invoke channel', async () => {
    for (const method of METHOD_NAMES) {
      expect(await untyped().invoke(method, { probe: method })).toEqual({ ok: true, value: { echoed: method, input: { probe: method } } })
    }
    expect(electron.invoke.mock.calls.map((c) => c[0])).toEqual(METHOD_NAMES.map(() => 'switchboard:invoke'))
    expect(electron.invoke.mock.calls.map((c) => c[1])).toEqual(METHOD_NAMES)
  })

  it.each(['fs.readFile', 'electron-store-get-data', '__proto__', 'constructor', 'hasOwnProperty', '', 7, undefined])(
    'refuses %s without calling ipcRenderer',
    async (method) => {
      const response = (await untyped().invoke(method, {})) as { ok: boolean; error?: { code: string } }
      expect(response.ok).toBe(false)
      expect(response.error?.code).toBe('invalid_input')
      expect(electron.invoke).not.toHaveBeenCalled()
    },
  )

  it('turns a failed IPC round trip into AppError data without a stack', async () => {
    electron.invoke.mockRejectedValueOnce(new Error('Render frame was disposed'))
    const response = (await untyped().invoke('app.info', {})) as { ok: boolean; error?: Record<string, unknown> }
    expect(response.ok).toBe(false)
    expect(response.error?.code).toBe('internal')
    expect(response.error?.message).toContain('Render frame was disposed')
    expect(response.error).not.toHaveProperty('stack')
  })

  it('resolves dropped files to paths with webUtils', () => {
    expect(bridge().pathForFile?.({ name: 'call.wav' } as File)).toBe('/home/admin/Recordings/call.wav')
  })
})

describe('preload events', () => {
  it('delivers only the payload of an allowed event, until unsubscribed', () => {
    const received: unknown[][] = []
    const unsubscribe = bridge().on('notice', (...args: unknown[]) => received.push(args))
    deliver('notice', { id: 'n1' })
    unsubscribe()
    deliver('notice', { id: 'n2' })
    expect(received).toEqual([[{ id: 'n1' }]])
  })

  it('accepts a listener for every contract event', () => {
    for (const event of SIGNAL_NAMES) expect(typeof bridge().on(event, () => undefined)).toBe('function')
  })

  it('refuses to subscribe to events outside the contract', () => {
    expect(() => untyped().on('switchboard:invoke', () => undefined)).toThrow(/Unknown event/)
    expect(() => untyped().on('__proto__', () => undefined)).toThrow(/Unknown event/)
  })

  it('drops events from the main process that are not in the contract', () => {
    const received: unknown[] = []
    bridge().on('notice', (payload) => received.push(payload))
    deliver('constructor', { id: 'x' })
    deliver('notice.extra', { id: 'y' })
    expect(received).toEqual([])
  })
})
