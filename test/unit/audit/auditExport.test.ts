import { execFileSync } from 'node:child_process'
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import yauzl from 'yauzl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../src/shared/api'
import { CSV_COLUMNS, hashLine, openAuditLog, type AuditLog, type BundleManifest } from '../../../src/main/core/audit'
import { csvRowFromLine } from '../../../src/main/core/audit/csvFormat'
import { CsvRowWriter } from '../../../src/main/core/audit/csvRowWriter'
import { AWKWARD_TEXTS, makeTempDir, readLines, removeDir, steadyClock, variedInputs } from './auditTestKit'

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

/** What a CSV cell should hold for a value: text fields that start like a formula get a leading apostrophe. */
function expectedCell(value: unknown, isText: boolean): string {
  if (value === undefined || value === null) return ''
  const text = typeof value === 'string' ? value : String(value)
  return isText && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function expectedRow(e: AuditEntry, archive = ''): Record<string, string> {
  return {
    seq: String(e.seq),
    time: e.time,
    profile: expectedCell(e.profile, true),
    org: expectedCell(e.org, true),
    action: expectedCell(e.action, true),
    target: expectedCell(e.target, true),
    outcome: expectedCell(e.outcome, true),
    latencyMs: expectedCell(e.latencyMs, false),
    correlationId: expectedCell(e.correlationId, true),
    detail: e.detail === undefined ? '' : JSON.stringify(e.detail),
    prev: e.prev,
    archive,
  }
}

async function unzip(path: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  )
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err)
        const chunks: Buffer[] = []
        for await (const c of stream) chunks.push(c as Buffer)
        files.set(entry.fileName, Buffer.concat(chunks))
        zip.readEntry()
      })
    })
    zip.on('end', resolve)
    zip.on('error', reject)
    zip.readEntry()
  })
  return files
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('audit export', () => {
  let dir: string
  let out: string
  let log: AuditLog
  let all: AuditEntry[]
  beforeAll(async () => {
    dir = await makeTempDir()
    out = join(dir, 'exports')
    await mkdir(out)
    log = await openAuditLog({ dir: join(dir, 'log'), now: steadyClock(), maxSegmentBytes: 48 * 1024 })
    for (const input of variedInputs(800, 11)) log.append(input)
    for (const text of AWKWARD_TEXTS)
      log.append({
        profile: text,
        org: text,
        action: 'odd.values',
        target: text,
        outcome: 'ok',
        correlationId: text,
        detail: { note: text },
      })
    await log.flush()
    all = [...(await log.tail(10_000))].reverse()
  })
  afterAll(async () => {
    await log.close()
    await removeDir(dir)
  })

  it('JSON Lines: every entry, oldest first, read back line by line unchanged', async () => {
    const path = join(out, 'all.jsonl')
    const result = await log.exportEntries({ format: 'jsonl', path })
    const lines = await readLines(path)
    expect(lines.map((l) => JSON.parse(l))).toEqual(all)
    expect(result).toMatchObject({ format: 'jsonl', entries: all.length, firstSeq: all[0].seq, lastSeq: all.at(-1)!.seq, damaged: 0 })
    expect(result.sha256).toBe(sha256(await readFile(path)))
    // consecutive lines still chain: each prev is the hash of the line above
    for (let i = 1; i < lines.length; i++) expect(JSON.parse(lines[i]).prev).toBe(hashLine(lines[i - 1]))
  })

  it('JSON Lines with a filter holds exactly the matching entries', async () => {
    const path = join(out, 'errors.jsonl')
    const result = await log.exportEntries({ format: 'jsonl', path, filter: { outcome: 'error', org: 'Acme, Inc.' } })
    const expected = all.filter((e) => e.outcome === 'error' && e.org === 'Acme, Inc.')
    expect(expected.length).toBeGreaterThan(10)
    expect((await readLines(path)).map((l) => JSON.parse(l))).toEqual(expected)
    expect(result.entries).toBe(expected.length)
  })

  it('CSV: RFC 4180 with BOM and header, read back by csv-parse field for field', async () => {
    const path = join(out, 'all.csv')
    all = [...(await log.tail(10_000))].reverse() // earlier exports added their own entries
    const result = await log.exportEntries({ format: 'csv', path })
    const bytes = await readFile(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8', 3, 3 + 200).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','))
    const rows = parseCsv(bytes, { bom: true, columns: true, relax_quotes: false, record_delimiter: '\r\n' }) as Record<string, string>[]
    expect(rows).toHaveLength(all.length)
    expect(rows).toEqual(all.map((e) => expectedRow(e)))
    expect(result.entries).toBe(all.length)
    const awkward = rows.filter((r) => r.action === 'odd.values')
    expect(awkward.map((r) => r.target)).toEqual(AWKWARD_TEXTS.map((t) => expectedCell(t, true)))
  })

  it('CSV: the fast byte path and the string path write the same rows', async () => {
    const lines = await readLines(join(out, 'all.jsonl'))
    const writer = new CsvRowWriter()
    let viaStrings = ''
    for (const line of lines) {
      const buf = Buffer.from(line)
      expect(writer.add(buf, 0, buf.length)).toBe(true)
      viaStrings += csvRowFromLine(buf, 0, buf.length)
    }
    expect(writer.take().toString('utf8')).toBe(viaStrings)
  })

  it('CSV with a filter on free text', async () => {
    const path = join(out, 'text.csv')
    await log.exportEntries({ format: 'csv', path, filter: { text: 'with, comma' } })
    const rows = parseCsv(await readFile(path), { bom: true, columns: true }) as Record<string, string>[]
    const expected = all.filter((e) => JSON.stringify(e).includes('with, comma'))
    expect(rows.map((r) => Number(r.seq))).toEqual(expected.map((e) => e.seq))
  })

  it('signed bundle: manifest, entries and signature check out with Node and OpenSSL', async () => {
    const path = join(out, 'bundle.zip')
    const filter = { action: 'uploads.upload' }
    const result = await log.exportEntries({ format: 'bundle', path, filter })
    const files = await unzip(path)
    expect([...files.keys()].sort()).toEqual(['README.txt', 'entries.jsonl', 'manifest.json', 'manifest.sig', 'public-key.pem'])
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as BundleManifest
    const entries = files.get('entries.jsonl')!
    const expected = all.filter((e) => e.action === 'uploads.upload')
    expect(
      entries
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(expected)
    expect(manifest).toMatchObject({
      format: 'switchboard-audit-bundle/1',
      filter,
      entries: {
        file: 'entries.jsonl',
        count: expected.length,
        firstSeq: expected[0].seq,
        lastSeq: expected.at(-1)!.seq,
        sha256: sha256(entries),
        bytes: entries.length,
        firstPrev: expected[0].prev,
      },
      chain: { verifiedAtExport: { ok: true } },
      signature: { algorithm: 'Ed25519', file: 'manifest.sig', publicKeyFile: 'public-key.pem' },
    })
    expect(manifest.chain.headSeq).toBeGreaterThanOrEqual(all.at(-1)!.seq)
    expect(manifest.chain.headHash).toMatch(/^[0-9a-f]{64}$/)
    expect(result.entries).toBe(expected.length)

    const publicKey = createPublicKey(files.get('public-key.pem')!)
    expect(verifySignature(null, files.get('manifest.json')!, publicKey, files.get('manifest.sig')!)).toBe(true)
    const tampered = Buffer.from(
      files
        .get('manifest.json')!
        .toString()
        .replace(`"count": ${expected.length}`, `"count": ${expected.length + 1}`),
    )
    expect(verifySignature(null, tampered, publicKey, files.get('manifest.sig')!)).toBe(false)
    const fingerprint = sha256(publicKey.export({ type: 'spki', format: 'der' }))
    expect(manifest.signature.publicKeySha256).toBe(fingerprint)
    expect(await log.signingKeyFingerprint()).toBe(fingerprint)
    expect(files.get('README.txt')!.toString()).toContain(manifest.entries.sha256)

    if (hasOpenssl()) {
      const unpacked = join(out, 'unpacked')
      await mkdir(unpacked)
      for (const [name, data] of files) await writeFile(join(unpacked, name), data)
      const args = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'public-key.pem',
        '-rawin',
        '-in',
        'manifest.json',
        '-sigfile',
        'manifest.sig',
      ]
      expect(execFileSync('openssl', args, { cwd: unpacked }).toString()).toMatch(/Signature Verified Successfully/)
      await writeFile(join(unpacked, 'manifest.json'), tampered)
      expect(() => execFileSync('openssl', args, { cwd: unpacked, stdio: 'pipe' })).toThrow()
    }
  })

  it('an unfiltered bundle ends at the chain head', async () => {
    const path = join(out, 'full.zip')
    await log.exportEntries({ format: 'bundle', path })
    const files = await unzip(path)
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as BundleManifest
    const lines = files.get('entries.jsonl')!.toString().trim().split('\n')
    expect(hashLine(lines.at(-1)!)).toBe(manifest.chain.headHash)
    expect(manifest.entries.lastHash).toBe(manifest.chain.headHash)
  })

  it('records each export in the log, without the folder path', async () => {
    const [last] = await log.tail(1)
    expect(last).toMatchObject({ action: 'audit.export', target: 'full.zip', outcome: 'ok', detail: { format: 'bundle' } })
  })

  it('reports progress over the log and can be cancelled, leaving no partial file', async () => {
    const progress: number[] = []
    const path = join(out, 'progress.jsonl')
    await log.exportEntries({ format: 'jsonl', path }, { onProgress: (p) => progress.push(p.doneBytes / p.totalBytes) })
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)).toBe(1)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)

    const controller = new AbortController()
    const cancelled = join(out, 'cancelled.csv')
    const attempt = log.exportEntries(
      { format: 'csv', path: cancelled },
      { signal: controller.signal, onProgress: () => controller.abort() },
    )
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled' })
    expect((await readdir(out)).filter((n) => n.startsWith('cancelled'))).toEqual([])
  })

  it('a failed export says why and leaves no partial file', async () => {
    const path = join(out, 'missing-folder', 'x.csv')
    await expect(log.exportEntries({ format: 'csv', path })).rejects.toMatchObject({
      code: 'file',
      message: expect.stringMatching(/Could not export the audit log/),
    })
    expect((await readdir(out)).filter((n) => n.includes('part'))).toEqual([])
  })
})
