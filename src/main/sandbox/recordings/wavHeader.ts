/** The RIFF/WAVE header of a mono file: PCM (44 bytes), or a non-PCM format with its fact chunk (58 bytes). */

export const WAVE_FORMAT_PCM = 1
export const WAVE_FORMAT_MULAW = 7

export interface WavFormat {
  formatTag: number
  bitsPerSample: number
  sampleRate: number
}

export function wavHeader(dataBytes: number, format: WavFormat): Buffer {
  const pcm = format.formatTag === WAVE_FORMAT_PCM
  // Non-PCM fmt chunks end with cbSize; non-PCM files carry a fact chunk with the sample count.
  const fmtBytes = pcm ? 16 : 18
  const factBytes = pcm ? 0 : 12
  const blockAlign = format.bitsPerSample / 8
  const header = Buffer.alloc(20 + fmtBytes + factBytes + 8)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(header.length - 8 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(fmtBytes, 16)
  header.writeUInt16LE(format.formatTag, 20)
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(format.sampleRate, 24)
  header.writeUInt32LE(format.sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(format.bitsPerSample, 34)
  let at = 20 + fmtBytes
  if (!pcm) {
    header.writeUInt16LE(0, 36) // cbSize
    header.write('fact', at, 'ascii')
    header.writeUInt32LE(4, at + 4)
    header.writeUInt32LE(dataBytes / blockAlign, at + 8)
    at += factBytes
  }
  header.write('data', at, 'ascii')
  header.writeUInt32LE(dataBytes, at + 4)
  return header
}
