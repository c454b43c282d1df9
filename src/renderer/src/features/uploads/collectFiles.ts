/**
 * Turns what the admin dropped or picked into paths the core can read. Electron gives each file (or
 * folder) its path; a browser gives none, so each file's bytes are staged with the web shell first,
 * and dropped folders are walked here with the File System entries API.
 */
import { api } from '../../api'
import { filesOfEntries, hasNativePaths, type Dropped } from '../../droppedFiles'

export { hasNativePaths, readDrop, type Dropped } from '../../droppedFiles'

const STAGE_IN_PARALLEL = 4

/** Paths for dropped things: folders stay folders in Electron (the core walks them). */
export async function pathsFromDrop(dropped: Dropped, onProgress: (done: number, total: number) => void): Promise<string[]> {
  if (hasNativePaths() || dropped.entries.length === 0) return pathsFromFiles(dropped.files, onProgress)
  return pathsFromFiles(await filesOfEntries(dropped.entries), onProgress)
}

export async function pathsFromFiles(files: File[], onProgress: (done: number, total: number) => void): Promise<string[]> {
  const paths: string[] = new Array(files.length)
  let next = 0
  let done = 0
  onProgress(0, files.length)
  const worker = async () => {
    while (next < files.length) {
      const index = next++
      paths[index] = await pathForRecording(files[index])
      onProgress(++done, files.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(STAGE_IN_PARALLEL, files.length) }, worker))
  return paths
}

/** The bytes of the first few KiB are enough to tell a recording's type (as the core's content check reads it). */
const HEAD_BYTES = 4100

/**
 * In a browser, the core checks size and type from the name, size and first bytes before anything is
 * copied: a file that is too big or not audio is refused at once, and none of its bytes are kept.
 */
async function pathForRecording(file: File): Promise<string> {
  if (hasNativePaths()) return api.pathForFile(file)
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
  const checked = await api.call('uploads.stage.check', { name: file.name, size: file.size, head: toBase64(head) })
  return checked.ok ? api.pathForFile(file, checked.slot) : checked.path
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
