/**
 * The sandbox's recordings API for links: GET .../recordings(/{id}) with formats and transcoding on
 * its clock, and presigned media in every format (type, size, ranges, expiry).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, syntheticConversation, type ManualClock, type Sandbox } from '../../src/main/sandbox'
import { api, getToken } from './sandbox-helpers'
import { FORMAT_CONTENT_TYPES } from './helpers/linksSession'

let sandbox: Sandbox
let clock: ManualClock
let token: string
let index = 0

beforeAll(async () => {
  clock = manualClock(Date.UTC(2026, 10, 20, 9, 0, 0))
  sandbox = await startSandbox({ clock, rateLimitPerMinute: 100_000 })
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())

type Shape = Partial<{ fileState: string; transcodeMs: number; media: string; sizeBytes: number }>

function add(shape: Shape = {}) {
  index += 1
  const conversation = syntheticConversation(index, Date.UTC(2026, 10, 19, 15, 0, 0), 44 + 16_000, 'links-sandbox')
  Object.assign(conversation.recordings[0], shape)
  sandbox.recordings.add(conversation)
  return conversation.recordings[0]
}

const single = (cid: string, rid: string, query = '') => api(sandbox, `/api/v2/conversations/${cid}/recordings/${rid}${query}`, token)

async function linkFor(format: string, shape: Shape = {}): Promise<{ uri: string; body: Record<string, unknown> }> {
  const recording = add(shape)
  const response = await single(recording.conversationId, recording.id, `?formatId=${format}`)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { mediaUris: Record<string, { mediaUri: string }> }
  return { uri: body.mediaUris['0'].mediaUri, body }
}

async function bytesOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(url, { headers })
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) }
}

/** G.711 µ-law back to 16-bit linear. */
function ulawToLinear(value: number): number {
  const u = ~value & 0xff
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)
  return u & 0x80 ? 0x84 - t : t - 0x84
}

function oggCrc(page: Buffer): number {
  let crc = 0
  for (const byte of page) {
    crc ^= byte << 24
    for (let i = 0; i < 8; i++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1
    crc >>>= 0
  }
  return crc
}

/** Reads one EBML element at `at`: its id (with the length marker, as the spec writes ids), size and body. */
function ebmlAt(bytes: Buffer, at: number): { id: number; size: number; body: Buffer; end: number } {
  const vintLength = (first: number) => Math.clz32(first) - 23
  const idLength = vintLength(bytes[at])
  const id = bytes.readUIntBE(at, idLength)
  const sizeLength = vintLength(bytes[at + idLength])
  let size = bytes[at + idLength] & (0xff >> sizeLength)
  for (let i = 1; i < sizeLength; i++) size = size * 256 + bytes[at + idLength + i]
  const start = at + idLength + sizeLength
  return { id, size, body: bytes.subarray(start, start + size), end: start + size }
}

function ebmlChildren(body: Buffer): { id: number; size: number; body: Buffer }[] {
  const children = []
  for (let at = 0; at < body.length;) {
    const child = ebmlAt(body, at)
    children.push(child)
    at = child.end
  }
  return children
}

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0

describe('GET .../recordings/{recordingId}', () => {
  it('answers 202 without mediaUris while a format transcodes on the sandbox clock, then 200 with a link', async () => {
    const recording = add({ transcodeMs: 4_000 })
    const first = await single(recording.conversationId, recording.id, '?formatId=MP3')
    expect(first.status).toBe(202)
    const pending = (await first.json()) as Record<string, unknown>
    expect(pending).toMatchObject({
      id: recording.id,
      conversationId: recording.conversationId,
      fileState: 'AVAILABLE',
      estimatedTranscodeTimeMs: 4_000,
    })
    expect(pending.mediaUris).toBeUndefined()

    const list = await api(sandbox, `/api/v2/conversations/${recording.conversationId}/recordings?formatId=MP3`, token)
    expect(list.status).toBe(200)
    const listed = (await list.json()) as Record<string, unknown>[]
    expect(listed).toHaveLength(1)
    expect(listed[0].mediaUris).toBeUndefined()

    clock.advance(3_000)
    const later = await single(recording.conversationId, recording.id, '?formatId=MP3')
    expect(later.status).toBe(202)
    expect(((await later.json()) as Record<string, unknown>).estimatedTranscodeTimeMs).toBe(1_000)

    clock.advance(1_000)
    const done = await single(recording.conversationId, recording.id, '?formatId=MP3')
    expect(done.status).toBe(200)
    const ready = (await done.json()) as Record<string, unknown>
    expect(ready).toMatchObject({ actualTranscodeTimeMs: 4_000, recordingFileRole: 'CUSTOMER_EXPERIENCE', outputDurationMs: 1_000 })
    expect((ready.mediaUris as Record<string, { mediaUri: string }>)['0'].mediaUri).toMatch(/\/MP3\?X-Amz-Algorithm=/)

    // Another format starts its own transcode; the list then carries the ready MP3 link.
    expect((await single(recording.conversationId, recording.id, '?formatId=WAV')).status).toBe(202)
    const relisted = (await (
      await api(sandbox, `/api/v2/conversations/${recording.conversationId}/recordings?formatId=MP3`, token)
    ).json()) as {
      mediaUris?: Record<string, { mediaUri: string }>
    }[]
    expect(relisted[0].mediaUris?.['0'].mediaUri).toMatch(/\/MP3\?/)
  })

  it('answers 200 with the state and no mediaUris for recordings that have no playable media', async () => {
    for (const fileState of ['ARCHIVED', 'RESTORING', 'DELETED', 'UPLOADING', 'ERROR', 'FROZEN']) {
      const recording = add({ fileState, transcodeMs: 2_000 })
      const response = await single(recording.conversationId, recording.id, '?formatId=WAV')
      expect(response.status, fileState).toBe(200)
      const body = (await response.json()) as Record<string, unknown>
      expect(body.fileState).toBe(fileState)
      expect(body.mediaUris).toBeUndefined()
    }
    const restored = add({ fileState: 'RESTORED' })
    const body = (await (await single(restored.conversationId, restored.id, '?formatId=WAV')).json()) as Record<string, unknown>
    expect(body.mediaUris).toBeDefined()
  })

  it('refuses an unknown format, and answers 404 for an unknown recording or conversation', async () => {
    const recording = add()
    const bad = await single(recording.conversationId, recording.id, '?formatId=FLAC')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { details: { fieldName: string }[] }).details[0].fieldName).toBe('formatId')
    expect((await single(recording.conversationId, 'nope')).status).toBe(404)
    expect((await single('00000000-0000-4000-8000-000000000000', recording.id)).status).toBe(404)
    // mediaFormats overrides formatId; NONE is the original.
    const overridden = (await (await single(recording.conversationId, recording.id, '?formatId=FLAC&mediaFormats=OGG_OPUS')).json()) as {
      mediaUris: Record<string, { mediaUri: string }>
    }
    expect(overridden.mediaUris['0'].mediaUri).toMatch(/\/OGG_OPUS\?/)
  })

  it('names the download after fileName with download=true', async () => {
    const recording = add()
    const body = (await (
      await single(recording.conversationId, recording.id, '?formatId=WAV_ULAW&download=true&fileName=call-1')
    ).json()) as {
      mediaUris: Record<string, { mediaUri: string }>
    }
    const response = await fetch(body.mediaUris['0'].mediaUri)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="call-1.wav"')
  })

  it('answers 403 naming the permissions when the client has neither view permission', async () => {
    const recording = add()
    sandbox.setOptions({ deniedPermissions: ['recording:recording:view', 'recording:recordingSegment:view'] })
    try {
      for (const path of [
        `/api/v2/conversations/${recording.conversationId}/recordings`,
        `/api/v2/conversations/${recording.conversationId}/recordings/${recording.id}`,
      ]) {
        const response = await api(sandbox, path, token)
        expect(response.status).toBe(403)
        expect(((await response.json()) as { message: string }).message).toMatch(
          /recording:recording:view, recording:recordingSegment:view/,
        )
      }
      sandbox.setOptions({ deniedPermissions: ['recording:recording:view'] })
      expect((await single(recording.conversationId, recording.id)).status).toBe(200)
    } finally {
      sandbox.setOptions({ deniedPermissions: [] })
    }
  })
})

describe('media per format', () => {
  it('serves WAV as the original and WAV_ULAW as real µ-law of the same samples', async () => {
    const wav = await bytesOf((await linkFor('WAV')).uri)
    expect(wav.type).toBe('audio/wav')
    expect(wav.bytes.readUInt16LE(20)).toBe(1)
    const recordingShape = { tone: 7 }
    const pcm = await bytesOf((await linkFor('WAV', recordingShape as Shape)).uri)
    const { uri, body } = await linkFor('WAV_ULAW', recordingShape as Shape)
    const ulaw = await bytesOf(uri)
    expect(ulaw.type).toBe('audio/wav')
    expect(ulaw.bytes.length).toBe(body.outputSizeInBytes)
    expect(ulaw.bytes.toString('ascii', 0, 4)).toBe('RIFF')
    expect(ulaw.bytes.readUInt32LE(4)).toBe(ulaw.bytes.length - 8)
    expect(ulaw.bytes.readUInt16LE(20)).toBe(7) // WAVE_FORMAT_MULAW
    expect(ulaw.bytes.readUInt16LE(34)).toBe(8)
    const dataAt = ulaw.bytes.indexOf('data', 12, 'ascii') + 8
    const samples = (pcm.bytes.length - 44) / 2
    expect(ulaw.bytes.readUInt32LE(dataAt - 4)).toBe(samples)
    expect(ulaw.bytes.length - dataAt).toBe(samples)
    let nonSilent = 0
    for (let i = 0; i < samples; i++) {
      const original = pcm.bytes.readInt16LE(44 + i * 2)
      const decoded = ulawToLinear(ulaw.bytes[dataAt + i])
      // µ-law keeps about 1/16 of the magnitude as error, at most.
      expect(Math.abs(decoded - original)).toBeLessThanOrEqual(Math.max(8, Math.abs(original) / 15))
      if (Math.abs(original) > 1000) nonSilent += 1
    }
    expect(nonSilent).toBeGreaterThan(samples / 4)
  })

  it('serves MP3 as whole MPEG Layer III frames and OGG_OPUS as a checksummed Ogg Opus stream', async () => {
    const mp3 = await bytesOf((await linkFor('MP3')).uri)
    expect(mp3.type).toBe('audio/mpeg')
    expect(mp3.bytes.length % 72).toBe(0)
    for (let at = 0; at < mp3.bytes.length; at += 72) expect(mp3.bytes.subarray(at, at + 4)).toEqual(Buffer.from([0xff, 0xe3, 0x18, 0xc0]))
    // 8,000 samples of 576 per frame.
    expect(mp3.bytes.length / 72).toBe(14)

    const ogg = await bytesOf((await linkFor('OGG_OPUS')).uri)
    expect(ogg.type).toBe('audio/ogg')
    const pages: Buffer[] = []
    for (let at = 0; at < ogg.bytes.length;) {
      expect(ogg.bytes.toString('ascii', at, at + 4)).toBe('OggS')
      const segments = ogg.bytes[at + 26]
      const bodyBytes = [...ogg.bytes.subarray(at + 27, at + 27 + segments)].reduce((a, b) => a + b, 0)
      const page = Buffer.from(ogg.bytes.subarray(at, at + 27 + segments + bodyBytes))
      const crc = page.readUInt32LE(22)
      page.writeUInt32LE(0, 22)
      expect(oggCrc(page)).toBe(crc)
      pages.push(page)
      at += page.length
    }
    expect(pages[0].toString('ascii', 28, 36)).toBe('OpusHead')
    expect(pages[1].toString('ascii', 28, 36)).toBe('OpusTags')
    expect(pages.at(-1)![5]).toBe(0x04) // end of stream
    // 1 s of audio: 50 packets of 20 ms, granule in 48 kHz samples after the pre-skip.
    expect(pages.at(-1)!.readBigInt64LE(6)).toBe(BigInt(312 + 48_000))
  })

  it('serves WEBM as an EBML document: a webm header, a Segment of the exact size, an A_OPUS track and one-second clusters', async () => {
    const webm = await bytesOf((await linkFor('WEBM', { sizeBytes: 44 + 16_000 * 3 })).uri)
    expect(webm.type).toBe('audio/webm')
    const header = ebmlAt(webm.bytes, 0)
    expect(header.id).toBe(0x1a45dfa3)
    expect(
      ebmlChildren(header.body)
        .find((c) => c.id === 0x4282)
        ?.body.toString('ascii'),
    ).toBe('webm')
    const segment = ebmlAt(webm.bytes, header.end)
    expect(segment.id).toBe(0x18538067)
    expect(segment.end).toBe(webm.bytes.length)
    const children = ebmlChildren(segment.body)
    expect(children.map((c) => c.id)).toEqual([0x1549a966, 0x1654ae6b, 0x1f43b675, 0x1f43b675, 0x1f43b675])
    expect(children[1].body.includes(Buffer.from('A_OPUS'))).toBe(true)
    const blocks = children.slice(2).flatMap((cluster) => ebmlChildren(cluster.body).filter((c) => c.id === 0xa3))
    expect(blocks).toHaveLength(150) // 3 s of 20 ms frames
  })

  it.skipIf(!hasFfmpeg)(
    'every format decodes with ffmpeg as its codec, for the recording’s length (where ffmpeg is installed)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-formats-'))
      try {
        const codecs: Record<string, string> = { WAV: 'pcm_s16le', WAV_ULAW: 'pcm_mulaw', MP3: 'mp3', OGG_OPUS: 'opus', WEBM: 'opus' }
        for (const [format, codec] of Object.entries(codecs)) {
          const file = join(dir, `media-${format}`)
          await writeFile(file, (await bytesOf((await linkFor(format, { sizeBytes: 44 + 16_000 * 2 })).uri)).bytes)
          const probe = execFileSync(
            'ffprobe',
            ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file],
            {
              encoding: 'utf8',
            },
          )
          const parsed = JSON.parse(probe) as { streams: { codec_name: string }[]; format: { duration: string } }
          expect(parsed.streams[0].codec_name, format).toBe(codec)
          expect(Number(parsed.format.duration), format).toBeGreaterThan(1.9)
          expect(Number(parsed.format.duration), format).toBeLessThan(2.1)
          const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' })
          expect(decode.status, format).toBe(0)
          expect(decode.stderr, format).toBe('')
        }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  )

  it('serves every format with its Content-Type, its advertised size, ranges as 206 slices, and 403 once expired', async () => {
    const links: string[] = []
    for (const [format, type] of Object.entries(FORMAT_CONTENT_TYPES)) {
      const { uri, body } = await linkFor(format)
      links.push(uri)
      const whole = await bytesOf(uri)
      expect(whole.status, format).toBe(200)
      expect(whole.type, format).toBe(type)
      expect(whole.bytes.length, format).toBe(body.outputSizeInBytes)
      for (const [range, start, end] of [
        ['bytes=10-99', 10, 100],
        ['bytes=50-', 50, whole.bytes.length],
        ['bytes=-30', whole.bytes.length - 30, whole.bytes.length],
      ] as const) {
        const part = await bytesOf(uri, { Range: range })
        expect(part.status, `${format} ${range}`).toBe(206)
        expect(part.bytes.equals(whole.bytes.subarray(start, end)), `${format} ${range}`).toBe(true)
      }
      expect((await bytesOf(uri, { Range: `bytes=${whole.bytes.length}-` })).status).toBe(416)
    }
    clock.advance(3600_000 + 1_000)
    for (const uri of links) {
      const response = await fetch(uri)
      expect(response.status).toBe(403)
      expect(await response.text()).toMatch(/Request has expired/)
    }
  })

  it('signs links for the org lifetime set at start or through PUT /__sandbox/options', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/options`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mediaUrlLifetimeSeconds: 300 }),
    })
    expect(((await response.json()) as { mediaUrlLifetimeSeconds: number }).mediaUrlLifetimeSeconds).toBe(300)
    try {
      const { uri } = await linkFor('WAV')
      expect(new URL(uri).searchParams.get('X-Amz-Expires')).toBe('300')
      clock.advance(299_000)
      expect((await fetch(uri)).status).toBe(200)
      clock.advance(2_000)
      expect((await fetch(uri)).status).toBe(403)
    } finally {
      sandbox.setOptions({ mediaUrlLifetimeSeconds: 3600 })
    }
    const other = await startSandbox({ mediaUrlLifetimeSeconds: 120 })
    try {
      const otherToken = await getToken(other)
      const conversation = syntheticConversation(1, Date.now(), 1_000, 'links-other')
      other.recordings.add(conversation)
      const body = (await (
        await api(other, `/api/v2/conversations/${conversation.id}/recordings/${conversation.recordings[0].id}?formatId=WAV`, otherToken)
      ).json()) as { mediaUris: Record<string, { mediaUri: string }> }
      expect(new URL(body.mediaUris['0'].mediaUri).searchParams.get('X-Amz-Expires')).toBe('120')
    } finally {
      await other.close()
    }
  })
})
