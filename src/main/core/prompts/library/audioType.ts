/**
 * The audio type of a prompt's media, for the player: the answer's audio/* content type, else what the
 * bytes are (media links often answer binary/octet-stream). Anything that is not audio is refused: the
 * renderer is only ever handed sound to play.
 */
const SNIFFED: { mimeType: string; matches: (bytes: Buffer) => boolean }[] = [
  {
    mimeType: 'audio/wav',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
  },
  { mimeType: 'audio/ogg', matches: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { mimeType: 'audio/mpeg', matches: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
]

/** The mime type to play the media as, or undefined when it is not audio. */
export function audioMimeType(contentType: string | undefined, bytes: Buffer): string | undefined {
  const declared = contentType?.split(';', 1)[0].trim().toLowerCase()
  if (declared && /^audio\/[a-z0-9.+-]+$/.test(declared)) return declared
  return SNIFFED.find((kind) => kind.matches(bytes))?.mimeType
}
