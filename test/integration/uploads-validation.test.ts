/**
 * uploads.inspect and the upload settings: every check happens before anything is sent, each with a
 * plain reason; folders are expanded, links followed once, loops and hidden files left out.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, copyMedia, ID3_TEXT, PNG_BYTES, writeWav, wavBytes } from '../fixtures/audio'
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
    // The length is read from each file: 8000 bytes of 16-bit mono at 8 kHz is half a second less the header.
    expect(result.files.map((f) => f.durationSeconds)).toEqual([0.497, 1.152, 1, 1.128])
  })

  it('reads what each file really holds and refuses, in plain words, those that hold no recording', async () => {
    const deep = join(dir, 'deep')
    await mkdir(deep)
    const paths = [
      await copyFixture('header-only.wav', join(deep, 'header-only.wav')),
      join(deep, 'minutes.mp3'),
      await copyFixture('video.m4a', join(deep, 'screen-recording.m4a')),
      await copyFixture('flac-in.ogg', join(deep, 'lossless.ogg')),
      await copyFixture('no-samples.ogg', join(deep, 'silent.ogg')),
      await copyFixture('no-frames.mp3', join(deep, 'nothing.mp3')),
      await copyFixture('tone-opus.ogg', join(deep, 'opus.ogg')),
    ]
    await writeFile(paths[1], ID3_TEXT)
    const files = byName((await session.call('uploads.inspect', { paths })).files)

    expect(files['header-only.wav']).toMatchObject({
      size: 44,
      contentLabel: 'WAV header without samples',
      refusal: 'is a WAV header with no audio samples (its data chunk is empty or missing)',
      hint: 'Export the recording again from the recorder, or leave this file out.',
    })
    expect(files['minutes.mp3'].refusal).toBe(
      'is not a readable MP3 recording: it should hold MPEG audio frames, and its content is damaged or something else',
    )
    expect(files['minutes.mp3'].hint).toMatch(/Check that it is the right file/)
    expect(files['screen-recording.m4a']).toMatchObject({
      contentLabel: 'MP4 video',
      refusal: 'is a video (it has a video track: avc1), not an audio recording',
    })
    expect(files['screen-recording.m4a'].hint).toMatch(/Keep only its audio \(for example: ffmpeg -i video\.mp4 -vn/)
    expect(files['lossless.ogg']).toMatchObject({ contentLabel: 'Ogg FLAC', refusal: 'has no Vorbis or Opus audio stream (it holds FLAC)' })
    expect(files['lossless.ogg'].hint).toMatch(/Convert the recording to Ogg Vorbis or Ogg Opus/)
    expect(files['silent.ogg'].refusal).toBe('holds no audio to play: its length is 0 seconds')
    expect(files['nothing.mp3'].refusal).toBe('holds no audio to play: its length is 0 seconds')
    expect(files['opus.ogg']).toMatchObject({ type: 'ogg', durationSeconds: 1 })
    expect(files['opus.ogg'].refusal).toBeUndefined()
  })

  it('refuses at start too, so nothing of a hollow file is sent, and the row shows the length of what is', async () => {
    const start = join(dir, 'start-deep')
    await mkdir(start)
    const hollow = await copyFixture('header-only.wav', join(start, 'hollow.wav'))
    const real = await writeWav(join(start, 'real.wav'), { variant: 41, bytes: 16_044 })
    const before = session.sandbox.stats().byRoute['POST /api/v2/uploads/recordings'] ?? 0
    const batch = await session.call('uploads.start', { paths: [hollow, real] })
    const snapshot = await session.waitForRows((rows) =>
      rows.filter((r) => r.batchId === batch.id).every((r) => r.state === 'done' || r.state === 'refused'),
    )
    const rows = byName(snapshot.rows.filter((r) => r.batchId === batch.id))
    expect(rows['hollow.wav'].state).toBe('refused')
    expect(rows['hollow.wav'].error?.message).toMatch(/no audio samples/)
    expect(rows['real.wav']).toMatchObject({ state: 'done', durationSeconds: 1 })
    expect(session.sandbox.stats().byRoute['POST /api/v2/uploads/recordings']).toBe(before + 1)
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
    // The hints point to where those settings really are.
    expect(files['readme.txt'].hint).toBe(
      'Convert the recording to an allowed type, or change the allowed types under Uploads › Upload settings.',
    )
    expect(files['big.wav'].hint).toBe('Split the recording or compress it, or raise the size limit under Uploads › Upload settings.')
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
