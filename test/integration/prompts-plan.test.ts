/**
 * prompts.plan against a real sandbox and real folders: names by convention (three languages and the
 * default), a CSV manifest and its row problems, each refusal with its reason and hint, the org's
 * prompts read once per plan (replace, add-language, create), and a plan made while the org cannot be asked.
 */
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanItem, PromptPlan } from '../../src/shared/contract/prompts'
import { AppError } from '../../src/shared/errors'
import { wavHeader } from '../../src/main/sandbox/recordings/wavHeader'
import { startWebShell } from '../../src/main/web/server'
import { copyFixture, copyMedia, PNG_BYTES, wavBytes, writeWav } from '../fixtures/audio'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { auditEntries, call } from './helpers/flowArchiveSession'

const PROMPTS_LIST_ROUTE = 'GET /api/v2/architect/prompts'

let session: CoreSession
let root: string

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
  root = await mkdtemp(join(tmpdir(), 'switchboard-prompt-plan-'))
})

afterAll(async () => {
  await session.close().catch(() => undefined)
  await rm(root, { recursive: true, force: true })
})

/** A fresh folder for one test's files. */
async function folder(name: string): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir, { recursive: true })
  return dir
}

/** A one-second WAV in any format: what a PCM 16-bit writer cannot make (8-bit, 24-bit, mu-law, a-law, float). */
async function writeWavAs(path: string, formatTag: number, bitsPerSample: number): Promise<string> {
  const dataBytes = 8000 * (bitsPerSample / 8)
  await writeFile(
    path,
    Buffer.concat([wavHeader(dataBytes, { formatTag, bitsPerSample, sampleRate: 8000 }), Buffer.alloc(dataBytes, 0x55)]),
  )
  return path
}

const plan = (paths: string[], defaultLanguage = 'en-us') => call(session.core, 'prompts.plan', { paths, defaultLanguage })
const itemOf = (result: PromptPlan, fileName: string): PlanItem => {
  const item = result.items.find((i) => i.fileName === fileName)
  if (!item) throw new Error(`no item for ${fileName}; items: ${result.items.map((i) => i.fileName).join(', ')}`)
  return item
}
const seed = (name: string) => {
  const prompt = session.sandbox.prompts.byName(name)
  if (!prompt) throw new Error(`the sandbox has no seeded prompt ${name}`)
  return prompt
}

describe('prompts.plan', () => {
  it('maps names by convention in three languages and the default, walks folders, and compares with the org once', async () => {
    const dir = await folder('convention')
    await writeWav(join(dir, 'welcome_message.en-us.wav'), { variant: 1 })
    await writeWav(join(dir, 'welcome_message.FR-FR.wav'), { variant: 2 })
    await mkdir(join(dir, 'german', 'more'), { recursive: true })
    await writeWav(join(dir, 'german', 'closed_message.de-de.wav'), { variant: 3 })
    await writeWav(join(dir, 'german', 'more', 'after_hours.wav'), { variant: 4 })
    await writeWav(join(dir, '.hidden_prompt.wav'), { variant: 5 })
    await writeFile(join(dir, 'notes.txt'), 'recorded on Monday')
    await symlink('..', join(dir, 'german', 'more', 'loop'))
    session.sandbox.resetStats()

    const result = await plan([dir], 'es-MX')

    expect(result.orgChecked).toBe(true)
    expect(result.orgProblem).toBeUndefined()
    expect(result.defaultLanguage).toBe('es-mx')
    const welcome = seed('welcome_message')
    const closed = seed('closed_message')
    expect(itemOf(result, 'welcome_message.en-us.wav')).toMatchObject({
      promptName: 'welcome_message',
      language: 'en-us',
      source: 'file-name',
      action: 'replace',
      promptId: welcome.id,
      existingStatus: 'transcoded',
      durationSeconds: 1,
    })
    expect(itemOf(result, 'welcome_message.FR-FR.wav')).toMatchObject({ language: 'fr-fr', action: 'add-language', promptId: welcome.id })
    expect(itemOf(result, 'closed_message.de-de.wav')).toMatchObject({ language: 'de-de', action: 'add-language', promptId: closed.id })
    const fresh = itemOf(result, 'after_hours.wav')
    expect(fresh).toMatchObject({ promptName: 'after_hours', language: 'es-mx', action: 'create' })
    expect(fresh.promptId).toBeUndefined()
    expect(result.items).toHaveLength(4)
    expect(result.items.every((item) => item.key === item.path && item.refusal === undefined)).toBe(true)

    const reasons = Object.fromEntries(result.ignored.map((i) => [i.path.slice(dir.length + 1), i.reason]))
    expect(reasons['.hidden_prompt.wav']).toBe('a hidden file')
    expect(reasons['notes.txt']).toContain('not a WAV file')
    expect(reasons[join('german', 'more', 'loop')]).toContain('links cannot loop')
    expect(result.manifest).toBeUndefined()

    // One listing for the whole plan, not a look-up per prompt name.
    expect(session.sandbox.stats().byRoute[PROMPTS_LIST_ROUTE]).toBe(1)

    const entry = (await auditEntries(session.core)).findLast((e) => e.action === 'prompt.plan')
    expect(entry).toMatchObject({
      target: `plan:${result.id}`,
      outcome: 'ok',
      detail: { files: 4, create: 1, addLanguage: 2, replace: 1, refused: 0, ignored: 3, orgChecked: true },
    })
    expect(JSON.stringify(entry)).not.toContain('welcome_message')
  })

  it('takes names, languages, descriptions and TTS text from a CSV manifest, and lists its bad rows by number', async () => {
    const dir = await folder('manifest')
    for (const [i, name] of ['greeting.wav', 'b.wav', 'c.en-us.wav', 'by_name.fr-fr.wav'].entries())
      await writeWav(join(dir, name), { variant: 10 + i })
    const manifest = join(dir, 'prompts.csv')
    await writeFile(
      manifest,
      [
        '\uFEFFFile name;Prompt Name;LANGUAGE;Description;TTS text',
        'greeting.wav;closed_message;FR-FR;Closed, said warmly;"Nous sommes fermés; à demain"',
        'b.wav;Bad Name;en-us;;',
        'c.en-us.wav;c_prompt;english;;',
        'missing.wav;missing_prompt;en-us;;',
        'recordings/GREETING.wav;other;en-us;;',
      ].join('\r\n'),
    )

    const result = await plan([dir])

    expect(itemOf(result, 'greeting.wav')).toMatchObject({
      promptName: 'closed_message',
      language: 'fr-fr',
      description: 'Closed, said warmly',
      ttsText: 'Nous sommes fermés; à demain',
      source: 'manifest',
      action: 'replace',
      promptId: seed('closed_message').id,
    })
    expect(itemOf(result, 'b.wav')).toMatchObject({
      action: 'refused',
      refusal: expect.stringContaining('Row 3'),
      hint: expect.stringContaining('prompts.csv'),
    })
    expect(itemOf(result, 'b.wav').refusal).toContain('Bad_Name')
    expect(itemOf(result, 'c.en-us.wav')).toMatchObject({ action: 'refused', refusal: expect.stringMatching(/Row 4.*english/) })
    expect(itemOf(result, 'by_name.fr-fr.wav')).toMatchObject({
      promptName: 'by_name',
      language: 'fr-fr',
      source: 'file-name',
      action: 'create',
    })
    expect(result.manifest?.path).toBe(manifest)
    expect(result.manifest?.rows).toBe(5)
    expect(result.manifest?.problems.map((p) => p.row)).toEqual([3, 4, 5, 6])
    expect(result.manifest?.problems[2].reason).toContain('missing.wav was not dropped')
    expect(result.manifest?.problems[3].reason).toContain('row 2 already maps it')
  })

  it('says when a manifest lacks the columns it needs', async () => {
    const dir = await folder('manifest-header')
    await writeWav(join(dir, 'hello.wav'))
    await writeFile(join(dir, 'list.csv'), 'wav,language\nhello.wav,en-us\n')
    const result = await plan([join(dir, 'hello.wav'), join(dir, 'list.csv')])
    expect(result.manifest?.problems).toEqual([{ row: 1, reason: expect.stringContaining('no prompt column') }])
    expect(itemOf(result, 'hello.wav')).toMatchObject({ promptName: 'hello', source: 'file-name', action: 'create' })
  })

  it('refuses what Architect does not take, each with its reason and a hint', async () => {
    const dir = await folder('refusals')
    await writeFile(join(dir, 'picture.wav'), PNG_BYTES)
    await copyMedia('mp3', join(dir, 'renamed_mp3.wav'))
    await copyFixture('header-only.wav', join(dir, 'header_only.wav'))
    await writeWavAs(join(dir, 'deep_bits.wav'), 1, 24)
    await writeWavAs(join(dir, 'floating.wav'), 3, 32)
    await writeWavAs(join(dir, 'mulaw.wav'), 7, 8)
    await writeWavAs(join(dir, 'alaw.wav'), 6, 8)
    await writeWavAs(join(dir, 'pcm_eight.wav'), 1, 8)
    await writeWav(join(dir, 'too_big.wav'))
    await truncate(join(dir, 'too_big.wav'), 25_000_001)
    await writeWav(join(dir, 'Welcome Message.en-us.wav'))
    await writeWav(join(dir, '2nd_menu.wav'))
    await writeWav(join(dir, 'dup.en-us.wav'), { variant: 1 })
    await mkdir(join(dir, 'z_later'))
    await writeWav(join(dir, 'z_later', 'DUP.EN-US.wav'), { variant: 2 })
    await writeFile(join(root, 'notes.txt'), 'not audio')

    const result = await plan([dir, join(root, 'notes.txt')])
    const refused = (name: string) => {
      const item = itemOf(result, name)
      expect(item.action, name).toBe('refused')
      expect(item.hint, name).toBeTruthy()
      return item
    }

    expect(refused('picture.wav').refusal).toContain('PNG')
    expect(refused('renamed_mp3.wav')).toMatchObject({
      refusal: expect.stringContaining('MP3'),
      hint: expect.stringContaining('pcm_s16le'),
    })
    expect(refused('header_only.wav').refusal).toContain('no audio samples')
    expect(refused('deep_bits.wav').refusal).toContain('24-bit PCM')
    expect(refused('floating.wav').refusal).toContain('floating point')
    expect(refused('too_big.wav')).toMatchObject({
      size: 25_000_001,
      refusal: 'It is 25 MB (25,000,001 bytes); Architect takes prompts of at most 25 MB (25,000,000 bytes).',
    })
    expect(refused('Welcome Message.en-us.wav')).toMatchObject({
      promptName: 'Welcome Message',
      language: 'en-us',
      refusal: expect.stringContaining('spaces'),
      hint: expect.stringContaining('Welcome_Message.en-us.wav'),
    })
    expect(refused('2nd_menu.wav').hint).toContain('prompt_2nd_menu.wav')
    expect(itemOf(result, 'dup.en-us.wav').action).toBe('create')
    expect(refused('DUP.EN-US.wav').refusal).toMatch(/same prompt and language as dup\.en-us\.wav/i)
    expect(refused('notes.txt').refusal).toContain('.txt')
    for (const name of ['mulaw.wav', 'alaw.wav', 'pcm_eight.wav'])
      expect(itemOf(result, name)).toMatchObject({ action: 'create', durationSeconds: 1 })
  })

  it('checks typed paths: full paths only, nothing from the data folder but the web shell staging', async () => {
    await expect(plan(['prompts/hello.wav'])).rejects.toMatchObject({ code: 'invalid_input' })
    const inData = join(session.dataDir, 'audit.wav')
    await writeWav(inData)
    const refusal = await plan([inData]).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(AppError)
    expect((refusal as AppError).message).toContain('data folder')
    const linked = join(await folder('links'), 'into_data')
    await symlink(session.dataDir, linked)
    expect((await plan([join(root, 'links')])).ignored).toEqual([{ path: linked, reason: expect.stringContaining('data folder') }])
  })

  it('plans the web shell staged copies, a manifest among them, over HTTP as the browser does', async () => {
    const rendererDir = await folder('renderer')
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')
    const web = await startWebShell({ core: session.core, rendererDir })
    try {
      const stage = async (name: string, body: Buffer) => {
        const res = await fetch(`${web.url}/api/stage`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${web.token}`,
            'content-type': 'application/octet-stream',
            'x-file-name': encodeURIComponent(name),
          },
          body,
        })
        expect(res.status).toBe(200)
        return ((await res.json()) as { path: string }).path
      }
      const paths = [
        await stage('Staged One.wav', wavBytes({ variant: 30 })),
        await stage('manifest.csv', Buffer.from('file,prompt,language\nStaged One.wav,staged_one,de-DE\n')),
      ]
      const res = await fetch(`${web.url}/api/invoke/prompts.plan`, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ paths, defaultLanguage: 'en-us' }),
      })
      const answer = (await res.json()) as { ok: boolean; value: PromptPlan }
      expect(answer.ok).toBe(true)
      expect(answer.value.manifest).toMatchObject({ rows: 1, problems: [] })
      expect(itemOf(answer.value, 'Staged One.wav')).toMatchObject({
        path: paths[0],
        promptName: 'staged_one',
        language: 'de-de',
        source: 'manifest',
        action: 'create',
      })
    } finally {
      await web.close()
    }
  })

  it('plans every prompt as new, saying why, when the org cannot be asked', async () => {
    const dir = await folder('no-org')
    await writeWav(join(dir, 'welcome_message.en-us.wav'))
    session.sandbox.setOptions({ deniedPermissions: ['architect:userPrompt:view'] })
    const denied = await plan([dir]).finally(() => session.sandbox.setOptions({ deniedPermissions: [] }))
    expect(denied.orgChecked).toBe(false)
    expect(denied.orgProblem).toContain('architect:userPrompt:view')
    expect(itemOf(denied, 'welcome_message.en-us.wav')).toMatchObject({ action: 'create' })
    expect(itemOf(denied, 'welcome_message.en-us.wav').promptId).toBeUndefined()

    // Last in this file: the org goes away for good.
    await session.sandbox.close()
    const offline = await plan([dir])
    expect(offline.orgChecked).toBe(false)
    expect(offline.orgProblem).toMatch(/connect|reach|network/i)
    expect(itemOf(offline, 'welcome_message.en-us.wav').action).toBe('create')
  })
})
