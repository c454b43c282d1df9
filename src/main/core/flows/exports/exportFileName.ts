/** Characters no file system takes in a name (Windows' set, which covers the others), and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i
const MAX_BASE = 80

/**
 * `<flow name or ids>-<exportType>-<UTC time>.<ext>`: readable, sortable by time, the same on every
 * system (e.g. "Main IVR-Yaml-20261201T093000Z.yaml"; several flows: "Main IVR and 2 more-…zip").
 */
export function exportFileName(flowNames: readonly string[], exportType: string, at: Date, extension: string): string {
  const first = safePart(flowNames[0] ?? 'flows')
  const base = flowNames.length > 1 ? `${first} and ${flowNames.length - 1} more` : first
  const time = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
  return `${base}-${exportType}-${time}.${extension}`
}

/**
 * What the file is: a zip (several flows, or whatever the platform zipped), YAML, or Architect's own
 * format, whose extension names the flow type (.i3InboundFlow ...) and is taken from the download's name.
 */
export function exportExtension(exportType: string, firstBytes: Buffer, contentDisposition: string | undefined): string {
  if (firstBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip'
  if (exportType === 'Yaml') return 'yaml'
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '')?.[1]
  const extension = /\.([A-Za-z0-9]{1,24})$/.exec(named ?? '')?.[1]
  return extension && extension.toLowerCase() !== 'zip' ? extension : 'i3flow'
}

function safePart(name: string): string {
  const cleaned = name
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_BASE)
    .replace(/[. ]+$/, '')
  if (cleaned === '') return 'flow'
  return RESERVED.test(cleaned) ? `_${cleaned}` : cleaned
}
