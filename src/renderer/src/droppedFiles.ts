/**
 * What the admin dropped or picked, read the same way by every screen that takes files: Electron gives
 * each file (or folder) its path; a browser gives none, so dropped folders are walked here with the
 * File System entries API and each file is staged with the web shell by the screen.
 */

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

/** Every file under the dropped entries, folders walked in name order; hidden folders are left out. */
export async function filesOfEntries(entries: FileSystemEntry[]): Promise<File[]> {
  const files: File[] = []
  for (const entry of entries) files.push(...(await filesOf(entry)))
  return files
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
  return filesOfEntries(children)
}
