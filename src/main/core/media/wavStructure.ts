import type { IFormat } from 'music-metadata'

/**
 * What makes a parsed WAV unplayable whatever its codec, for call recordings and prompts alike: no
 * "fmt " chunk (its audio cannot be decoded) or no samples (its data chunk is empty or missing). Each
 * workflow words the refusal for its own files.
 */
export type WavStructureProblem = 'noFormatChunk' | 'noSamples'

export function wavStructureProblem(format: IFormat): WavStructureProblem | undefined {
  if (!format.codec) return 'noFormatChunk'
  if (!format.numberOfSamples) return 'noSamples'
  return undefined
}
