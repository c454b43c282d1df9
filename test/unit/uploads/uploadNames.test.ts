import { describe, expect, it } from 'vitest'
import { safeUploadName, uploadNamesFor } from '../../../src/main/core/uploads/uploadNames'

/** UploadUrlRequest.fileName's rule from the SDK model docs, written out again on purpose. */
const acceptedByTheApi = (name: string) => !name.startsWith('.') && !name.endsWith('/') && !/[\s\\{^}%`\]">[~<#|]/.test(name)

describe('safeUploadName', () => {
  it('keeps a name the API accepts as it is', () => {
    for (const name of ['call.wav', 'call-1_final.mp3', 'anruf(2)&co.ogg', 'appel-à-03h.m4a']) expect(safeUploadName(name)).toBe(name)
  })

  it('makes each run of refused characters one "_", drops leading dots and keeps the extension', () => {
    expect(safeUploadName('my call #3.wav')).toBe('my_call_3.wav')
    expect(safeUploadName('.hidden take.wav')).toBe('hidden_take.wav')
    expect(safeUploadName('{draft} [v2] <final>.mp3')).toBe('draft_v2_final.mp3')
    expect(safeUploadName('100% ~done~ "ok" `x` a|b ^c\\d.ogg')).toBe('100_done_ok_x_a_b_c_d.ogg')
    expect(safeUploadName('tab\tand\nnewline.wav')).toBe('tab_and_newline.wav')
    expect(safeUploadName('###.wav')).toBe('recording.wav')
  })

  it('always gives a name the API accepts, whatever the local name', () => {
    const refused = '\\{^}%`]">[~<#| \t./'
    for (let i = 0; i < 500; i++) {
      let name = ''
      for (let j = 0; j < 1 + (i % 12); j++) name += refused[(i * 7 + j * 13) % refused.length] + (j % 3 === 0 ? 'a' : '')
      const safe = safeUploadName(`${name}.wav`)
      expect(acceptedByTheApi(safe), JSON.stringify([name, safe])).toBe(true)
      expect(safe.endsWith('.wav')).toBe(true)
    }
  })
})

describe('uploadNamesFor', () => {
  it('gives each file of a batch its own name; names already safe keep theirs', () => {
    expect(uploadNamesFor(['my call #3.wav', 'my_call_3.wav', 'my call 3.wav', 'a/x.wav', 'x.wav', 'X.WAV'])).toEqual([
      'my_call_3-2.wav',
      'my_call_3.wav',
      'my_call_3-3.wav',
      'a_x.wav',
      'x.wav',
      'X-2.WAV',
    ])
  })

  it('is stable: the same batch gives the same names', () => {
    const batch = ['b c.wav', 'b_c.wav', 'b c.wav']
    expect(uploadNamesFor(batch)).toEqual(uploadNamesFor([...batch]))
    expect(uploadNamesFor(batch)).toEqual(['b_c-2.wav', 'b_c.wav', 'b_c-3.wav'])
  })
})
