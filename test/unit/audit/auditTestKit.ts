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
