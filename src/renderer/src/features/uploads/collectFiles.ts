/**
 * Turns what the admin dropped or picked into paths the core can read. Electron gives each file (or
 * folder) its path; a browser gives none, so each file's bytes are staged with the web shell first,
 * and dropped folders are walked here with the File System entries API.
 */
import { api } from '../../api'

const STAGE_IN_PARALLEL = 4

export interface Dropped {
  files: File[]
  entries: FileSystemEntry[]
}

/** Must run inside the drop handler: the DataTransfer is emptied once the event is over. */
export function readDrop(dataTransfer: DataTransfer): Dropped {
  const entries: FileSystemEntry[] = []
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue
    const entry = item.webkitGetAsEntry?.()
    if (entry) entries.push(entry)
  }
  return { files: Array.from(dataTransfer.files), entries }
}

export function hasNativePaths(): boolean {
  return typeof window.switchboard?.pathForFile === 'function'
}

/** Paths for dropped things: folders stay folders in Electron (the core walks them). */
export async function pathsFromDrop(dropped: Dropped, onProgress: (done: number, total: number) => void): Promise<string[]> {
  if (hasNativePaths() || dropped.entries.length === 0) return pathsFromFiles(dropped.files, onProgress)
  const files: File[] = []
  for (const entry of dropped.entries) files.push(...(await filesOf(entry)))
  return pathsFromFiles(files, onProgress)
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

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) return [await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))]
  if (!entry.isDirectory || entry.name.startsWith('.')) return []
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const children: FileSystemEntry[] = []
  // readEntries answers in pages (100 in Chromium) until it answers an empty page.
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (page.length === 0) break
    children.push(...page)
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const files: File[] = []
  for (const child of children) files.push(...(await filesOf(child)))
  return files
}
