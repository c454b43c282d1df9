import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import yauzl from 'yauzl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIVE_FILE } from '../../../src/main/core/audit/auditFiles'
import { openAuditLog, type AuditLog } from '../../../src/main/core/audit'
import { makeTempDir, readLines, removeDir, sampleInput } from './auditTestKit'

/** ISO 8601 in UTC, as Date.prototype.toISOString writes it: what exports and the log file promise. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

async function unzipEntry(path: string, name: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  )
  return new Promise<string>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry()
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err)
        const chunks: Buffer[] = []
        for await (const c of stream) chunks.push(c as Buffer)
        zip.close()
        resolve(Buffer.concat(chunks).toString('utf8'))
      })
    })
    zip.on('end', () => reject(new Error(`${name} is not in the bundle`)))
    zip.on('error', reject)
    zip.readEntry()
  })
}

describe('times in the audit log file and its exports are ISO 8601', () => {
  let dir: string
  let log: AuditLog
  beforeAll(async () => {
    dir = await makeTempDir()
    // The real clock: whatever the machine's time zone and locale, the files hold UTC ISO times.
    log = await openAuditLog({ dir: join(dir, 'log') })
    for (let i = 1; i <= 20; i++) log.append(sampleInput(i))
    await log.flush()
  })
  afterAll(async () => {
    await log.close()
    await removeDir(dir)
  })

  it('the log file', async () => {
    const lines = await readLines(join(dir, 'log', ACTIVE_FILE))
    expect(lines.length).toBeGreaterThanOrEqual(20)
    for (const line of lines) expect(JSON.parse(line).time).toMatch(ISO_8601)
  })

  it('JSON Lines and CSV exports', async () => {
    const jsonl = join(dir, 'all.jsonl')
    await log.exportEntries({ format: 'jsonl', path: jsonl })
    for (const line of await readLines(jsonl)) expect(JSON.parse(line).time).toMatch(ISO_8601)

    const csv = join(dir, 'all.csv')
    await log.exportEntries({ format: 'csv', path: csv })
    const rows = parseCsv(await readFile(csv), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.length).toBeGreaterThanOrEqual(20)
    for (const row of rows) expect(row.time).toMatch(ISO_8601)
  })

  it('the signed bundle: entries, manifest and README', async () => {
    const bundle = join(dir, 'bundle.zip')
    await log.exportEntries({ format: 'bundle', path: bundle })
    for (const line of (await unzipEntry(bundle, 'entries.jsonl')).trim().split('\n')) expect(JSON.parse(line).time).toMatch(ISO_8601)
    const manifest = JSON.parse(await unzipEntry(bundle, 'manifest.json')) as { createdAt: string }
    expect(manifest.createdAt).toMatch(ISO_8601)
    const readme = await unzipEntry(bundle, 'README.txt')
    expect(readme).toContain(`Created ${manifest.createdAt}:`)
    // The fingerprint to compare is on the Audit log screen's Retention tab (there is no Settings › Audit log).
    expect(readme).toContain('Audit log > Retention')
    expect(readme).not.toMatch(/Settings > Audit log/)
  })
})
