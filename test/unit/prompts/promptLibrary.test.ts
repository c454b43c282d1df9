/** The library's pure rules: what the player is handed (audio only), the name filter, the CSV rows. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { audioMimeType } from '../../../src/main/core/prompts/library/audioType'
import { promptRows } from '../../../src/main/core/prompts/library/promptCsv'
import { nameFilter } from '../../../src/main/core/prompts/library/promptSummary'
import { Prompt } from '../../../src/main/core/prompts/promptsApi'
import { MEDIA_DIR, wavBytes } from '../../fixtures/audio'

describe('audioMimeType', () => {
  it('takes an audio content type as declared, else recognises the bytes', async () => {
    expect(audioMimeType('audio/x-wav; charset=binary', Buffer.alloc(0))).toBe('audio/x-wav')
    expect(audioMimeType('binary/octet-stream', wavBytes())).toBe('audio/wav')
    expect(audioMimeType(undefined, await readFile(join(MEDIA_DIR, 'tone.mp3')))).toBe('audio/mpeg')
    expect(audioMimeType('application/octet-stream', await readFile(join(MEDIA_DIR, 'tone.ogg')))).toBe('audio/ogg')
  })

  it('refuses what is not audio, whatever it is called', () => {
    expect(audioMimeType('text/html', Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined()
    expect(audioMimeType('audio/wav"><script>', Buffer.from('RIFF'))).toBeUndefined()
  })
})

describe('nameFilter', () => {
  it('wraps part of a name in wildcards; a typed wildcard goes as typed; empty is no filter', () => {
    expect(nameFilter(' welcome ')).toBe('*welcome*')
    expect(nameFilter('welcome_*')).toBe('welcome_*')
    expect(nameFilter('  ')).toBeUndefined()
  })
})

describe('promptRows', () => {
  it('makes one row per language (sorted), one for a prompt without languages, and defuses formula cells', () => {
    const prompts = [
      Prompt.parse({
        id: 'p1',
        name: 'greeting',
        description: '@SUM(A1)',
        resources: [
          { id: 'r2', language: 'fr-fr', uploadStatus: 'someNewStatus' },
          { id: 'r1', language: 'en-us', uploadStatus: 'transcoded', durationSeconds: 1.5, ttsString: '-1 for sales' },
        ],
      }),
      Prompt.parse({ id: 'p2', name: 'empty', resources: [] }),
    ]
    expect(promptRows(prompts)).toEqual([
      {
        promptName: 'greeting',
        promptId: 'p1',
        description: "'@SUM(A1)",
        language: 'en-us',
        uploadStatus: 'transcoded',
        durationSeconds: '1.5',
        ttsString: "'-1 for sales",
      },
      {
        promptName: 'greeting',
        promptId: 'p1',
        description: "'@SUM(A1)",
        language: 'fr-fr',
        uploadStatus: 'someNewStatus',
        durationSeconds: '',
        ttsString: '',
      },
      { promptName: 'empty', promptId: 'p2', description: '', language: '', uploadStatus: '', durationSeconds: '', ttsString: '' },
    ])
  })
})
