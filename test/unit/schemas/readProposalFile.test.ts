import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readProposalFile } from '../../../src/main/core/schemas/readProposalFile'
import { AppError } from '../../../src/shared/errors'
import { PERSONAL_TEXT, quotedFragments } from '../../fixtures/personalText'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-proposal-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function failureOf(path: string): Promise<AppError> {
  const error = await readProposalFile(path).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('readProposalFile on a file that is not JSON', () => {
  it('names the file and says it is not JSON, without quoting any of its content', async () => {
    const path = join(dir, 'contacts-export.json')
    await writeFile(path, PERSONAL_TEXT)
    const error = await failureOf(path)
    expect(error.code).toBe('file')
    expect(error.message).toContain(path)
    expect(error.message).toMatch(/not valid JSON/)
    expect(error.hint).toMatch(/JSON file of one schema/)
    expect(quotedFragments(`${error.message} ${error.hint}`)).toEqual([])
  })

  it('quotes nothing of a file that is almost JSON either', async () => {
    const path = join(dir, 'hand-edited.json')
    await writeFile(path, `{"jsonSchema": {"properties": {"name": ${PERSONAL_TEXT}}}}`)
    const error = await failureOf(path)
    expect(error.message).toMatch(/not valid JSON/)
    expect(quotedFragments(`${error.message} ${error.hint}`)).toEqual([])
  })
})
