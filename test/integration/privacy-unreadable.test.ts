import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RequestStore } from '../../src/main/core/privacy/requestStore'
import { saveResultFiles } from '../../src/main/core/privacy/saveResults'
import { PERSONAL_TEXT, quotedFragments } from '../fixtures/personalText'

// A result that should be JSON but is not: what a broken or hostile download host might send.
const NOT_JSON_RESULT = `{"subject": ${PERSONAL_TEXT}}`

let dir: string
let server: Server
let baseUrl: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-privacy-echo-'))
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(NOT_JSON_RESULT) })
    res.end(NOT_JSON_RESULT)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

describe('privacy files that are not JSON', () => {
  it('a downloaded result is refused without quoting the personal data in it', async () => {
    const folder = join(dir, 'results')
    await mkdir(folder)
    const audited: Record<string, unknown>[] = []
    const saved = await saveResultFiles(
      {
        requestId: 'req-1',
        urls: [`${baseUrl}/export/result-1.json`],
        folder,
        csv: false,
        links: { allowedLoopbackOrigin: baseUrl },
        dataDir: join(dir, 'data'),
      },
      { audit: (_action, _outcome, detail) => audited.push(detail), now: () => new Date('2026-01-02T03:04:05Z') },
    )
    expect(saved.files).toEqual([])
    expect(saved.problems).toHaveLength(1)
    const [problem] = saved.problems
    expect(problem.message).toMatch(/Result 1 is not valid JSON; it was not kept/)
    expect(quotedFragments(`${problem.message} ${problem.hint}`)).toEqual([])
    expect(quotedFragments(JSON.stringify(audited))).toEqual([])
    expect(await readdir(join(folder, 'gdpr-export-req-1'))).toEqual([])
  })

  it('an unreadable list of tracked requests is set aside without quoting it', async () => {
    const dataDir = join(dir, 'data')
    await mkdir(join(dataDir, 'privacy'), { recursive: true })
    await writeFile(join(dataDir, 'privacy', 'requests.json'), `{"version": 1, "requests": [{"subject": ${PERSONAL_TEXT}}]}`)
    const store = await RequestStore.open(dataDir, () => new Date('2026-01-02T03:04:05Z'))
    expect(store.problem?.message).toMatch(/^The file is not valid JSON\. It was kept, unchanged, at .*requests\.json\.unreadable-/)
    expect(quotedFragments(`${store.problem?.title} ${store.problem?.message} ${store.problem?.hint}`)).toEqual([])
  })
})
