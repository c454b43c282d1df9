/** What each side of a comparison is called on the screen: "Version 3.0 (published 2 Nov 2026)", "Archived file 1a2b3c4d…". */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A day in UTC, spelled the same in every locale (the screen has the exact time in CompareSideInfo.when). */
export function dayText(iso: string): string {
  const date = new Date(iso)
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`
}

const VERBS: Record<string, string> = { PUBLISH: 'published', CHECKIN: 'checked in', SAVE: 'saved' }

export function versionLabel(version: { id: string; name?: string; type?: string; when?: string }): string {
  const name = version.name ? `Version ${version.name}` : `Version ${version.id}`
  if (!version.type && !version.when) return name
  const verb = version.type ? (VERBS[version.type] ?? version.type) : 'created'
  return `${name} (${version.when ? `${verb} ${dayText(version.when)}` : verb})`
}

export function archivedLabel(sha256: string, named?: { versionName: string; flowName: string }): string {
  const file = `Archived file ${sha256.slice(0, 8)}…`
  return named ? `${file} (version ${named.versionName} of “${named.flowName}”)` : file
}
