import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, type Sandbox, type UplinkStats } from '../../src/main/sandbox'
import { UPLINK_WINDOW_MS } from '../../src/main/sandbox/uplink'
import { api, getToken } from './sandbox-helpers'

let sandbox: Sandbox
let token: string

beforeAll(async () => {
  // A manual clock that never moves: the uplink runs on real timers whatever the sandbox's clock says.
  sandbox = await startSandbox({ seed: 5, clock: manualClock() })
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())

function recording(label: string, size: number): Buffer {
  const bytes = Buffer.alloc(size)
  bytes.write(`RIFF....WAVE ${label}`)
  for (let i = 64; i < size; i++) bytes[i] = (i * 7 + label.charCodeAt(0)) & 0xff
  return bytes
}

async function upload(bytes: Buffer, fileName: string): Promise<number> {
  const md5 = createHash('md5').update(bytes).digest('base64')
  const presign = await api(sandbox, '/api/v2/uploads/recordings', token, {
    method: 'POST',
    body: { fileName, contentMd5: md5, contentType: 'audio/wav' },
  })
  const { url, headers } = (await presign.json()) as { url: string; headers: Record<string, string> }
  return (await fetch(url, { method: 'PUT', headers, body: bytes })).status
}

/** Most a window may hold: a burst, a window's worth of the cap, and one socket chunk (64 KiB) over. */
const windowBound = (stats: UplinkStats) => stats.burstBytes + ((stats.bytesPerSecond ?? 0) * UPLINK_WINDOW_MS) / 1000 + 64 * 1024

describe('sandbox uplink cap (an office uplink shared by all upload PUTs)', () => {
  it('concurrent PUT bodies share one capped link: every byte is counted and no window holds more than the cap allows', async () => {
    sandbox.setOptions({ uplinkBytesPerSecond: 1024 * 1024 })
    sandbox.resetStats()
    const bodies = ['a', 'b', 'c'].map((label) => recording(label, 400 * 1024))
    const statuses = await Promise.all(bodies.map((bytes, i) => upload(bytes, `capped-${i}.wav`)))
    expect(statuses).toEqual([200, 200, 200])

    const stats = sandbox.uplink()
    expect(stats.bytesPerSecond).toBe(1024 * 1024)
    expect(stats.admittedBytes).toBe(3 * 400 * 1024)
    // 1.2 MiB over a 1 MiB/s link with a 0.1 MiB burst: the bodies had to wait for it.
    expect(stats.waits).toBeGreaterThan(0)
    expect(stats.busiestWindowBytes).toBeLessThanOrEqual(windowBound(stats))
    expect(
      sandbox
        .uploads()
        .slice(-3)
        .map((u) => u.size),
    ).toEqual([400 * 1024, 400 * 1024, 400 * 1024])
  })

  it('is set and lifted through the control route, which refuses a cap below 1 KiB/s', async () => {
    const put = (body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/options`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const set = await put({ uplinkBytesPerSecond: 2048 * 1024 })
    expect(set.status).toBe(200)
    expect(((await set.json()) as { uplinkBytesPerSecond: number }).uplinkBytesPerSecond).toBe(2048 * 1024)
    expect(((await (await fetch(`${sandbox.url}/__sandbox/uplink`)).json()) as UplinkStats).bytesPerSecond).toBe(2048 * 1024)
    expect((await put({ uplinkBytesPerSecond: 10 })).status).toBe(400)

    expect((await put({ uplinkBytesPerSecond: null })).status).toBe(200)
    sandbox.resetStats()
    expect(await upload(recording('d', 2 * 1024 * 1024), 'uncapped.wav')).toBe(200)
    expect(sandbox.uplink()).toMatchObject({ bytesPerSecond: null, admittedBytes: 2 * 1024 * 1024, waits: 0 })
  })
})
