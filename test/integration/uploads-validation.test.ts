/**
 * uploads.inspect and the upload settings: every check happens before anything is sent, each with a
 * plain reason; folders are expanded, links followed once, loops and hidden files left out.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyMedia, PNG_BYTES, writeWav, wavBytes } from '../fixtures/audio'
import { makeDir, startUploadSession, type UploadSession } from './helpers/uploadSession'

let session: UploadSession
let dir: string

beforeAll(async () => {
  session = await startUploadSession()
  dir = await makeDir()
})
afterAll(async () => {
  await session.close()
  await rm(dir, { recursive: true, force: true })
})

const byName = <T extends { name: string }>(files: T[]): Record<string, T> => Object.fromEntries(files.map((f) => [f.name, f]))

describe('uploads.inspect', () => {
  it('accepts real WAV, MP3, OGG and M4A recordings, typed by their content', async () => {
    const paths = [
      await writeWav(join(dir, 'call.wav'), { bytes: 8000 }),
      await copyMedia('mp3', join(dir, 'call.mp3')),
      await copyMedia('ogg', join(dir, 'call.ogg')),
      await copyMedia('m4a', join(dir, 'call.m4a')),
    ]
    const result = await session.call('uploads.inspect', { paths })
    expect(result.files.map((f) => [f.name, f.type, f.refusal])).toEqual([
      ['call.wav', 'wav', undefined],
      ['call.mp3', 'mp3', undefined],
      ['call.ogg', 'ogg', undefined],
      ['call.m4a', 'm4a', undefined],
    ])
    expect(result.files[0].size).toBe(8000)
  })

  it('refuses, with a plain reason each, what must not be sent', async () => {
    const wrong = join(dir, 'wrong')
    await mkdir(wrong)
    await writeFile(join(wrong, 'photo.wav'), PNG_BYTES)
    await copyMedia('mp3', join(wrong, 'actually-mp3.wav'))
    await writeFile(join(wrong, 'notes.wav'), 'these are meeting notes, not a recording\n')
    await writeFile(join(wrong, 'empty.wav'), '')
    await writeFile(join(wrong, 'big.wav'), wavBytes({ bytes: 1000 }))
    await truncate(join(wrong, 'big.wav'), 600 * 1024 * 1024) // sparse: 600 MiB on paper, nothing on disk
    await writeFile(join(wrong, 'readme.txt'), 'text')
    await writeFile(join(wrong, 'no-extension'), wavBytes({ bytes: 1000 }))
    execFileSync('mkfifo', [join(wrong, 'pipe.wav')])
    await symlink(join(wrong, 'gone.wav'), join(wrong, 'dangling.wav'))

    const result = await session.call('uploads.inspect', { paths: [wrong] })
    const files = byName(result.files)
    expect(files['photo.wav'].refusal).toBe('content is PNG, not WAV')
    expect(files['photo.wav'].contentLabel).toBe('PNG')
    expect(files['actually-mp3.wav'].refusal).toBe('content is MP3, not WAV')
    expect(files['actually-mp3.wav'].hint).toMatch(/Rename it to \.mp3/)
    expect(files['notes.wav'].refusal).toBe('content is text, not WAV')
    expect(files['empty.wav'].refusal).toBe('is empty (0 bytes)')
    expect(files['big.wav'].refusal).toBe('is 600 MB; the limit is 500 MB')
    expect(files['big.wav'].size).toBe(600 * 1024 * 1024)
    expect(files['readme.txt'].refusal).toBe('.txt files are not allowed (allowed: WAV, MP3, M4A, OGG)')
    expect(files['no-extension'].refusal).toMatch(/^Files without an extension are not allowed/)
    expect(files['pipe.wav'].refusal).toMatch(/is a named pipe, not a file/)
    // A dangling link inside a folder cannot be followed: listed as ignored, with why.
    expect(result.ignored).toContainEqual({
      path: join(wrong, 'dangling.wav'),
      reason: 'a link that cannot be followed: it no longer exists (moved, renamed or deleted)',
    })
    // Given directly, a missing file is refused with the same plain words.
    const direct = await session.call('uploads.inspect', { paths: [join(wrong, 'gone.wav')] })
    expect(direct.files[0].refusal).toBe('could not be read: it no longer exists (moved, renamed or deleted)')
    expect(result.files.every((f) => f.refusal)).toBe(true)
  })

  it('walks folders, follows links once, skips hidden files and never loops', async () => {
    const root = join(dir, 'tree')
    await mkdir(join(root, 'a', 'b'), { recursive: true })
    await writeWav(join(root, 'a', 'one.wav'), { variant: 1, bytes: 2000 })
    await writeWav(join(root, 'a', 'b', 'two.wav'), { variant: 2, bytes: 2000 })
    await writeFile(join(root, 'a', '.DS_Store'), 'x')
    await symlink(root, join(root, 'a', 'b', 'loop')) // a link back up the tree
    await symlink(join(root, 'a', 'one.wav'), join(root, 'same-as-one.wav'))
    const outside = join(dir, 'outside')
    await mkdir(outside)
    await writeWav(join(outside, 'three.wav'), { variant: 3, bytes: 2000 })
    await symlink(outside, join(root, 'linked'))
    // A folder named like a recording is a folder: it is walked.
    await mkdir(join(root, 'folder.wav'))
    await writeWav(join(root, 'folder.wav', 'four.wav'), { variant: 4, bytes: 2000 })

    const result = await session.call('uploads.inspect', { paths: [root] })
    expect(result.files.map((f) => f.path)).toEqual([
      join(root, 'a', 'b', 'two.wav'),
      join(root, 'a', 'one.wav'),
      join(root, 'folder.wav', 'four.wav'),
      join(root, 'linked', 'three.wav'),
    ])
    expect(result.files.every((f) => !f.refusal)).toBe(true)
    const reasons = Object.fromEntries(result.ignored.map((i) => [i.path, i.reason]))
    expect(reasons[join(root, 'a', '.DS_Store')]).toBe('hidden file')
    expect(reasons[join(root, 'a', 'b', 'loop')]).toMatch(/already included/)
    expect(reasons[join(root, 'same-as-one.wav')]).toBe('the same file as one.wav, already included')
  })
})

describe('upload settings', () => {
  it('start at the documented defaults and validate changes', async () => {
    expect(await session.call('uploads.settings.get', {})).toEqual({
      maxFileBytes: 500 * 1024 * 1024,
      allowedTypes: ['wav', 'mp3', 'm4a', 'ogg'],
      concurrency: 3,
    })
    await expect(session.call('uploads.settings.set', { concurrency: 17 })).rejects.toThrow(/Concurrency: 1 to 16/)
    await expect(session.call('uploads.settings.set', { allowedTypes: [] })).rejects.toThrow(/at least one type/)
    await expect(session.call('uploads.settings.set', { allowedTypes: ['exe' as never] })).rejects.toThrow()

    const changed = await session.call('uploads.settings.set', { maxFileBytes: 4000, allowedTypes: ['wav', 'flac'], concurrency: 5 })
    expect(changed).toEqual({ maxFileBytes: 4000, allowedTypes: ['wav', 'flac'], concurrency: 5 })
    const small = await writeWav(join(dir, 'small.wav'), { bytes: 3000 })
    const large = await writeWav(join(dir, 'large.wav'), { bytes: 5000 })
    const mp3 = await copyMedia('mp3', join(dir, 'now-refused.mp3'))
    const result = byName((await session.call('uploads.inspect', { paths: [small, large, mp3] })).files)
    expect(result['small.wav'].refusal).toBeUndefined()
    expect(result['large.wav'].refusal).toBe('is 4.9 KB; the limit is 3.9 KB')
    expect(result['now-refused.mp3'].refusal).toBe('.mp3 files are not allowed (allowed: WAV, FLAC)')
    expect((await session.call('uploads.list', {})).settings.concurrency).toBe(5)

    await session.call('uploads.settings.set', {
      maxFileBytes: 500 * 1024 * 1024,
      allowedTypes: ['wav', 'mp3', 'm4a', 'ogg'],
      concurrency: 3,
    })
  })
})
