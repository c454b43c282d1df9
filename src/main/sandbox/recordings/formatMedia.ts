/**
 * A recording's media in each format the API can hand out, computed for any byte range like the
 * original (recordingMedia.ts), so Range requests and big recordings cost only what they read.
 *
 * What the sandbox serves, per format (no ffmpeg, no encoder library):
 * - WAV: the original (16-bit PCM, mono, 8 kHz tone).
 * - WAV_ULAW: the same samples, really G.711 µ-law encoded: 8-bit, WAV format tag 7, with the fact chunk.
 * - MP3: valid MPEG-2.5 Layer III frames (8 kHz mono, 8 kbps, 72 bytes a frame) of the recording's
 *   length whose frames carry no audio data: it plays as silence of the right duration. The tone is not encoded.
 * - OGG_OPUS: a valid Ogg Opus stream (OpusHead, OpusTags, then pages of 20 ms packets) of the right
 *   length whose packets are empty frames: decoders play silence (or concealment). The tone is not encoded.
 * - WEBM: a valid WebM (EBML header, Segment of known size, Info, an A_OPUS audio track, then one-second
 *   Clusters of SimpleBlocks) carrying the same empty 20 ms Opus frames: silence of the right length.
 * - OGG_VORBIS: a stand-in. A Vorbis setup header needs the codebooks an encoder builds, so the body is
 *   the Ogg Opus stream above, served as audio/ogg: right in container, size, ranges and expiry, not in codec.
 */
import { originalMediaChunks, ORIGINAL_CONTENT_TYPE } from './recordingMedia'
import type { SandboxRecording } from './recordingStore'
import { wavHeader, WAVE_FORMAT_MULAW } from './wavHeader'

export const SANDBOX_MEDIA_FORMATS = ['WAV', 'WAV_ULAW', 'MP3', 'OGG_VORBIS', 'OGG_OPUS', 'WEBM'] as const
export type SandboxMediaFormat = (typeof SANDBOX_MEDIA_FORMATS)[number]

export function isSandboxMediaFormat(value: unknown): value is SandboxMediaFormat {
  return typeof value === 'string' && (SANDBOX_MEDIA_FORMATS as readonly string[]).includes(value)
}

export interface FormatMedia {
  contentType: string
  extension: string
  size: number
  /** Bytes [start, end), end exclusive. */
  chunks(start: number, end: number): Iterable<Buffer>
}

const PCM_HEADER_BYTES = 44
const SAMPLE_RATE = 8000

function sampleCount(recording: SandboxRecording): number {
  return Math.max(0, Math.floor((recording.sizeBytes - PCM_HEADER_BYTES) / 2))
}

export function mediaFor(recording: SandboxRecording, format: SandboxMediaFormat): FormatMedia {
  switch (format) {
    case 'WAV':
      return {
        contentType: ORIGINAL_CONTENT_TYPE,
        extension: 'wav',
        size: recording.sizeBytes,
        chunks: (start, end) => originalMediaChunks(recording, start, end),
      }
    case 'WAV_ULAW':
      return ulawMedia(recording)
    case 'MP3':
      return mp3Media(recording)
    case 'OGG_OPUS':
      return { ...oggOpusMedia(recording), contentType: 'audio/ogg', extension: 'opus' }
    case 'OGG_VORBIS':
      return { ...oggOpusMedia(recording), contentType: 'audio/ogg', extension: 'ogg' }
    case 'WEBM':
      return webmMedia(recording)
  }
}

/** Serves a virtual file made of a fixed header followed by a body computed per range. */
function* headerThen(
  header: Buffer,
  body: (start: number, end: number) => Iterable<Buffer>,
  start: number,
  end: number,
): Generator<Buffer> {
  if (start < header.length) yield header.subarray(start, Math.min(header.length, end))
  const bodyStart = Math.max(0, start - header.length)
  const bodyEnd = end - header.length
  if (bodyEnd > bodyStart) yield* body(bodyStart, bodyEnd)
}

// --- WAV µ-law -------------------------------------------------------------------------------------

/** G.711 µ-law of one 16-bit sample. */
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84
  const CLIP = 32635
  const sign = sample < 0 ? 0x80 : 0
  let magnitude = Math.min(Math.abs(sample), CLIP) + BIAS
  let exponent = 7
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f
  magnitude = sign | (exponent << 4) | mantissa
  return ~magnitude & 0xff
}

function ulawMedia(recording: SandboxRecording): FormatMedia {
  const samples = sampleCount(recording)
  const header = wavHeader(samples, { formatTag: WAVE_FORMAT_MULAW, bitsPerSample: 8, sampleRate: SAMPLE_RATE })
  const body = function* (first: number, last: number): Generator<Buffer> {
    // µ-law byte i is PCM sample i, which sits at 44 + 2i in the original.
    for (const pcm of originalMediaChunks(recording, PCM_HEADER_BYTES + first * 2, PCM_HEADER_BYTES + last * 2)) {
      const out = Buffer.allocUnsafe(pcm.length >> 1)
      for (let i = 0; i < out.length; i++) out[i] = linearToUlaw(pcm.readInt16LE(i * 2))
      yield out
    }
  }
  return {
    contentType: ORIGINAL_CONTENT_TYPE,
    extension: 'wav',
    size: header.length + samples,
    chunks: (start, end) => headerThen(header, body, start, end),
  }
}

// --- MP3 ---------------------------------------------------------------------------------------------

/** MPEG-2.5 Layer III, 8 kbps, 8 kHz, mono, no CRC: 72 bytes and 576 samples a frame. */
const MP3_FRAME = (() => {
  const frame = Buffer.alloc(72)
  frame.set([0xff, 0xe3, 0x18, 0xc0], 0)
  return frame
})()
const MP3_SAMPLES_PER_FRAME = 576

function* repeated(unit: (index: number) => Buffer, unitBytes: number, start: number, end: number): Generator<Buffer> {
  let at = start
  while (at < end) {
    const index = Math.floor(at / unitBytes)
    const offset = at - index * unitBytes
    const take = Math.min(unitBytes - offset, end - at)
    yield unit(index).subarray(offset, offset + take)
    at += take
  }
}

function mp3Media(recording: SandboxRecording): FormatMedia {
  const frames = Math.max(1, Math.ceil(sampleCount(recording) / MP3_SAMPLES_PER_FRAME))
  return {
    contentType: 'audio/mpeg',
    extension: 'mp3',
    size: frames * MP3_FRAME.length,
    chunks: (start, end) => repeated(() => MP3_FRAME, MP3_FRAME.length, start, end),
  }
}

// --- Ogg Opus ----------------------------------------------------------------------------------------

const OGG_SERIAL = 0x53424f58
const OPUS_PACKETS_PER_PAGE = 50 // one second of 20 ms packets
const OPUS_SAMPLES_PER_PACKET = 960 // 20 ms at 48 kHz (Opus granules are always 48 kHz)
const OPUS_PRE_SKIP = 312
// TOC 0x08: SILK narrowband, 20 ms, mono, one frame; with no frame bytes it is an empty (silent) frame.
const OPUS_SILENT_PACKET = Buffer.from([0x08])

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
    table[i] = r >>> 0
  }
  return table
})()

function oggCrc(page: Buffer): number {
  let crc = 0
  for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0
  return crc
}

function oggPage(packets: Buffer[], granule: bigint, sequence: number, flags: number): Buffer {
  const lacing = packets.flatMap((packet) => {
    const values = Array<number>(Math.floor(packet.length / 255)).fill(255)
    values.push(packet.length % 255)
    return values
  })
  const header = Buffer.alloc(27 + lacing.length)
  header.write('OggS', 0, 'ascii')
  header.writeUInt8(0, 4)
  header.writeUInt8(flags, 5)
  header.writeBigInt64LE(granule, 6)
  header.writeUInt32LE(OGG_SERIAL, 14)
  header.writeUInt32LE(sequence, 18)
  header.writeUInt8(lacing.length, 26)
  Buffer.from(lacing).copy(header, 27)
  const page = Buffer.concat([header, ...packets])
  page.writeUInt32LE(oggCrc(page), 22)
  return page
}

function opusHead(): Buffer {
  const head = Buffer.alloc(19)
  head.write('OpusHead', 0, 'ascii')
  head.writeUInt8(1, 8) // version
  head.writeUInt8(1, 9) // channels
  head.writeUInt16LE(OPUS_PRE_SKIP, 10)
  head.writeUInt32LE(SAMPLE_RATE, 12) // input sample rate, informational
  head.writeInt16LE(0, 16) // gain
  head.writeUInt8(0, 18) // mapping family
  return head
}

function opusTags(): Buffer {
  const vendor = Buffer.from('switchboard-sandbox', 'ascii')
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4)
  tags.write('OpusTags', 0, 'ascii')
  tags.writeUInt32LE(vendor.length, 8)
  vendor.copy(tags, 12)
  tags.writeUInt32LE(0, 12 + vendor.length)
  return tags
}

/** 20 ms Opus packets for the recording's length (8 kHz samples; Opus counts at 48 kHz). */
function opusPacketCount(recording: SandboxRecording): number {
  return Math.max(1, Math.ceil((sampleCount(recording) * 6) / OPUS_SAMPLES_PER_PACKET))
}

function oggOpusMedia(recording: SandboxRecording): FormatMedia {
  const packets = opusPacketCount(recording)
  const audioPages = Math.ceil(packets / OPUS_PACKETS_PER_PAGE)
  const header = Buffer.concat([oggPage([opusHead()], 0n, 0, 0x02), oggPage([opusTags()], 0n, 1, 0)])
  const fullPageBytes = 27 + OPUS_PACKETS_PER_PAGE + OPUS_PACKETS_PER_PAGE * OPUS_SILENT_PACKET.length
  const audioPage = (index: number): Buffer => {
    const last = index === audioPages - 1
    const count = last ? packets - index * OPUS_PACKETS_PER_PAGE : OPUS_PACKETS_PER_PAGE
    const granule = BigInt(OPUS_PRE_SKIP + (index * OPUS_PACKETS_PER_PAGE + count) * OPUS_SAMPLES_PER_PACKET)
    return oggPage(Array<Buffer>(count).fill(OPUS_SILENT_PACKET), granule, index + 2, last ? 0x04 : 0)
  }
  const lastPageBytes = audioPage(audioPages - 1).length
  return {
    contentType: 'audio/ogg',
    extension: 'opus',
    size: header.length + (audioPages - 1) * fullPageBytes + lastPageBytes,
    // Every page but the last has the same size, so a byte offset maps straight to its page.
    chunks: (start, end) => headerThen(header, (first, last) => repeated(audioPage, fullPageBytes, first, last), start, end),
  }
}

// --- WebM (Matroska) with Opus ------------------------------------------------------------------------

const BLOCKS_PER_CLUSTER = 50 // one second of 20 ms packets

function ebmlSize(bytes: number): Buffer {
  if (bytes < 0x7f) return Buffer.from([0x80 | bytes])
  // The 8-byte form, so an element's header size does not depend on its length.
  const size = Buffer.alloc(8)
  size.writeBigUInt64BE(BigInt(bytes))
  size[0] = 0x01
  return size
}

function element(id: number[], ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload)
  return Buffer.concat([Buffer.from(id), ebmlSize(body.length), body])
}

function uintOf(value: number, bytes = 1): Buffer {
  const out = Buffer.alloc(bytes)
  out.writeUIntBE(value, 0, bytes)
  return out
}

function float64(value: number): Buffer {
  const out = Buffer.alloc(8)
  out.writeDoubleBE(value)
  return out
}

function webmMedia(recording: SandboxRecording): FormatMedia {
  const packets = opusPacketCount(recording)
  const clusters = Math.ceil(packets / BLOCKS_PER_CLUSTER)
  const ebmlHeader = element(
    [0x1a, 0x45, 0xdf, 0xa3],
    element([0x42, 0x86], uintOf(1)),
    element([0x42, 0xf7], uintOf(1)),
    element([0x42, 0xf2], uintOf(4)),
    element([0x42, 0xf3], uintOf(8)),
    element([0x42, 0x82], Buffer.from('webm', 'ascii')),
    element([0x42, 0x87], uintOf(4)),
    element([0x42, 0x85], uintOf(2)),
  )
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    element([0x2a, 0xd7, 0xb1], uintOf(1_000_000, 3)), // TimestampScale: milliseconds
    element([0x4d, 0x80], Buffer.from('switchboard-sandbox', 'ascii')),
    element([0x57, 0x41], Buffer.from('switchboard-sandbox', 'ascii')),
    element([0x44, 0x89], float64(packets * 20)),
  )
  const tracks = element(
    [0x16, 0x54, 0xae, 0x6b],
    element(
      [0xae],
      element([0xd7], uintOf(1)),
      element([0x73, 0xc5], uintOf(1)),
      element([0x83], uintOf(2)), // audio
      element([0x86], Buffer.from('A_OPUS', 'ascii')),
      element([0x63, 0xa2], opusHead()),
      element([0x56, 0xaa], uintOf(Math.round((OPUS_PRE_SKIP / 48_000) * 1e9), 4)), // CodecDelay, ns
      element([0x56, 0xbb], uintOf(80_000_000, 4)), // SeekPreRoll, ns
      element([0xe1], element([0xb5], float64(48_000)), element([0x9f], uintOf(1))),
    ),
  )
  const cluster = (index: number): Buffer => {
    const count = Math.min(BLOCKS_PER_CLUSTER, packets - index * BLOCKS_PER_CLUSTER)
    const blocks = Array.from({ length: count }, (_, i) =>
      // Track 1, timestamp relative to the cluster, keyframe, then the packet.
      element([0xa3], Buffer.from([0x81]), uintOf(i * 20, 2), Buffer.from([0x80]), OPUS_SILENT_PACKET),
    )
    return element([0x1f, 0x43, 0xb6, 0x75], element([0xe7], uintOf(index * BLOCKS_PER_CLUSTER * 20, 4)), ...blocks)
  }
  const fullClusterBytes = cluster(0).length
  const clusterBytes = (clusters - 1) * fullClusterBytes + cluster(clusters - 1).length
  const segmentBody = info.length + tracks.length + clusterBytes
  const header = Buffer.concat([ebmlHeader, Buffer.from([0x18, 0x53, 0x80, 0x67]), ebmlSize(segmentBody), info, tracks])
  return {
    contentType: 'audio/webm',
    extension: 'webm',
    size: header.length + clusterBytes,
    // Every cluster but the last has the same size, so a byte offset maps straight to its cluster.
    chunks: (start, end) => headerThen(header, (first, last) => repeated(cluster, fullClusterBytes, first, last), start, end),
  }
}
