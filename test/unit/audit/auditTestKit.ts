/** Shared helpers for the audit tests: temp folders, a steady clock, and line-level file surgery. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openAuditLog, type AuditInput, type AuditLog } from '../../../src/main/core/audit'

export async function makeTempDir(prefix = 'sb-audit-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** A clock that moves one second per call, from a fixed start. */
export function steadyClock(start = Date.UTC(2025, 0, 1, 9, 0, 0)): () => Date {
  let t = start
  return () => new Date((t += 1000))
}

export function sampleInput(i: number, overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    profile: 'sandbox',
    org: 'Sandbox Org',
    action: i % 2 === 0 ? 'uploads.start' : 'api.GET',
    target: `/api/v2/things/${i}`,
    outcome: i % 5 === 0 ? 'error' : 'ok',
    latencyMs: 10 + i,
    correlationId: `corr-${i}`,
    detail: { index: i, ok: true },
    ...overrides,
  }
}

export async function openLogWith(dir: string, count: number): Promise<AuditLog> {
  const log = await openAuditLog({ dir, now: steadyClock() })
  for (let i = 1; i <= count; i++) log.append(sampleInput(i))
  await log.flush()
  return log
}

/** The file's lines without the final newline's empty tail. */
export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8')
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

export async function writeLines(path: string, lines: string[]): Promise<void> {
  await writeFile(path, lines.map((l) => l + '\n').join(''))
}

/** A small seeded random generator, so "random" test data is the same on every run. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Values that stress the line format, the filters and CSV: quotes, commas, newlines, non-ASCII, formulas. */
export const AWKWARD_TEXTS = [
  'plain',
  'with, comma',
  'with "quotes"',
  'line\nbreak',
  'carriage\r\nreturn',
  'tab\there',
  'back\\slash',
  'Größe 日本語 ✓',
  '=SUM(A1:A2)',
  '+1 555',
  '-minus',
  '@mention',
  ',"action":"fake"',
  '',
]

/** Entries with every kind of value; some omit optional fields, some carry a detail key named "action". */
export function variedInputs(count: number, seed = 7): AuditInput[] {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const inputs: AuditInput[] = []
  for (let i = 0; i < count; i++) {
    const input: AuditInput = {
      profile: pick(['Sandbox', 'Production EU', 'Größe Org']),
      org: pick(['Sandbox Org', 'Acme, Inc.', 'Globex "Support"']),
      action: pick(['api.call', 'uploads.upload', 'uploads.verify', 'privacy.request', 'flows.archive']),
      target: random() < 0.3 ? pick(AWKWARD_TEXTS) : `recording-${i}.wav`,
      outcome: pick(['ok', 'ok', 'ok', 'error', 'retry', 'cancelled', 'skipped'] as const),
    }
    if (random() < 0.8) input.latencyMs = Math.floor(random() * 3000)
    if (random() < 0.7) input.correlationId = `corr-${i}`
    const r = random()
    if (r < 0.2) input.detail = { status: 429, retryAfterSeconds: 3, attempt: 2 }
    else if (r < 0.3) input.detail = { action: 'api.call', note: pick(AWKWARD_TEXTS), workflow: 'uploads' }
    else if (r < 0.7) input.detail = { status: 200, bytes: Math.floor(random() * 1e6), ok: true, none: null }
    inputs.push(input)
  }
  return inputs
}
