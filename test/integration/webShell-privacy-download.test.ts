import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../src/main/web/server'
import { savedResultFiles, savedResultUrl } from '../../src/shared/savedResultFiles'
import { startCoreSession, type CoreSession } from './helpers/coreSession'

let session: CoreSession
let web: WebShell
let root: string
beforeAll(async () => {
  session = await startCoreSession()
  root = await mkdtemp(join(tmpdir(), 'switchboard-web-privacy-'))
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>')
  web = await startWebShell({ core: session.core, rendererDir: root })
})
afterAll(async () => {
  await web.close()
  await session.close()
  await rm(root, { recursive: true, force: true })
})

describe('web shell: saved privacy results as browser downloads', () => {
  it('serves each saved file (results and CSV copies) by request id and position, to the token holder only', async () => {
    const { requests } = await session.core.handlers['privacy.refreshFromOrg']({})
    const done = requests.find((r) => r.requestType === 'GDPR_EXPORT' && r.status === 'COMPLETED' && r.resultsCount > 0)!
    const saved = await session.core.handlers['privacy.saveResults']({ id: done.id, folder: root, csv: true })
    const files = savedResultFiles(saved)
    expect(files.map((f) => f.kind)).toContain('csv')
    const auth = { Authorization: `Bearer ${web.token}` }

    for (const file of files) {
      const response = await fetch(`${web.url}${savedResultUrl(done.id, 0, file.item)}`, { headers: auth })
      expect(response.status, file.path).toBe(200)
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.(json|csv)"$/)
      expect(response.headers.get('content-type')).toContain(file.kind === 'csv' ? 'text/csv' : 'application/json')
      expect(Buffer.from(await response.arrayBuffer())).toEqual(await readFile(file.path))
    }

    const first = `${web.url}${savedResultUrl(done.id, 0, 0)}`
    expect((await fetch(first)).status).toBe(401)
    expect((await fetch(first, { headers: { Authorization: 'Bearer wrong-token-123' } })).status).toBe(401)
    for (const missing of [savedResultUrl(done.id, 1, 0), savedResultUrl(done.id, 0, files.length), savedResultUrl('nope', 0, 0)]) {
      const answer = await fetch(`${web.url}${missing}`, { headers: auth })
      expect(answer.status, missing).toBe(404)
      expect(await answer.json()).toMatchObject({
        ok: false,
        error: { code: 'not_found', hint: expect.stringMatching(/Save the results again/) },
      })
    }
    // A path is never accepted in place of a position.
    const byPath = await fetch(`${web.url}/api/privacy-results/${done.id}/0/${encodeURIComponent(files[0].path)}`, { headers: auth })
    expect([404, 414]).toContain(byPath.status)
  })
})
