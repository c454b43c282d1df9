import { extname } from 'node:path'
import type { UploadSettings } from '../../../shared/contract/uploads'
import { formatBytes } from '../../../shared/format'
import { AUDIO_TYPE_INFO, typeForExtension } from './audioTypes'
import { classify } from './detectContent'

export interface Refusal {
  path: string
  name: string
  size: number
  message: string
  hint: string
  /** What the content is, when it was read. */
  contentLabel?: string
}

export interface PrecheckInput {
  name: string
  size: number
  /** The file's first bytes, as the browser read them. */
  head: Uint8Array
}

type Rules = Pick<UploadSettings, 'maxFileBytes' | 'allowedTypes'>

/** Where the admin changes the size limit and the allowed types. */
const SETTINGS_PLACE = 'Uploads › Upload settings'

/**
 * The checks that need only a file's name, size and first bytes, so a browser can ask before copying
 * the whole file to the web shell. validateFile runs these same checks on a file on disk, then reads its audio.
 */
export async function precheckFile(input: PrecheckInput, rules: Rules): Promise<Omit<Refusal, 'path'> | undefined> {
  const { name, size } = input
  const refuse = (message: string, hint: string, contentLabel?: string) => ({
    name,
    size,
    message,
    hint,
    ...(contentLabel ? { contentLabel } : {}),
  })
  if (size === 0) return refuse('is empty (0 bytes)', 'The recording has no content: export it again from the recorder.')
  if (size > rules.maxFileBytes) {
    return refuse(
      `is ${formatBytes(size)}; the limit is ${formatBytes(rules.maxFileBytes)}`,
      `Split the recording or compress it, or raise the size limit under ${SETTINGS_PLACE}.`,
    )
  }
  const allowed = rules.allowedTypes.map((t) => AUDIO_TYPE_INFO[t].label).join(', ')
  const extension = extname(name)
  const byName = typeForExtension(extension)
  if (!byName || !rules.allowedTypes.includes(byName.type)) {
    const what = extension ? `${extension} files are` : 'Files without an extension are'
    return refuse(
      `${what} not allowed (allowed: ${allowed})`,
      `Convert the recording to an allowed type, or change the allowed types under ${SETTINGS_PLACE}.`,
    )
  }
  const detected = await classify(input.head)
  if (detected.audio?.type !== byName.type) {
    const hint =
      detected.audio && rules.allowedTypes.includes(detected.audio.type)
        ? `Rename it to ${detected.audio.extensions[0]} if it really is ${detected.audio.label}.`
        : 'The name says audio but the content is something else: check that it is the right file.'
    return refuse(`content is ${detected.label}, not ${byName.label}`, hint, detected.label)
  }
  return undefined
}
