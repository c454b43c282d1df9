import { describe, expect, it } from 'vitest'
import { parseReport } from '../../../src/main/core/uploads/uploadReport'
import { AppError } from '../../../src/shared/errors'
import { PERSONAL_TEXT, quotedFragments } from '../../fixtures/personalText'

describe('parseReport', () => {
  it('finds the columns by name, whatever their order and case', () => {
    const csv =
      '\uFEFFfileName,UploadStatus,uploadKey,contentMd5\r\n"a, b.wav",Success,k1,AAAAAAAAAAAAAAAAAAAAAA==\r\nc.wav,Pending,k2,\r\n'
    const rows = parseReport(csv)
    expect(rows.get('k1')).toEqual({ uploadKey: 'k1', uploadStatus: 'Success', contentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' })
    expect(rows.get('k2')).toEqual({ uploadKey: 'k2', uploadStatus: 'Pending' })
  })

  it('matches headers loosely: case, spaces and punctuation do not matter', () => {
    const variants = [
      'Upload Key,Upload Status,Content MD5',
      'upload_key,upload_status,content-md5',
      'UPLOADKEY,UPLOADSTATUS,CONTENTMD5',
      '"Upload-Key"," upload status ","Content.Md5"',
    ]
    for (const header of variants) {
      const rows = parseReport(`${header}\r\nk1,Success,AAAAAAAAAAAAAAAAAAAAAA==\r\n`)
      expect(rows.get('k1'), header).toEqual({ uploadKey: 'k1', uploadStatus: 'Success', contentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' })
    }
  })

  it('accepts an empty report and refuses one without the columns it relies on', () => {
    expect(parseReport('uploadKey,uploadStatus\r\n').size).toBe(0)
    expect(() => parseReport('id,state\r\nx,Done\r\n')).toThrow(/no uploadKey and uploadStatus columns/)
  })
})

describe('parseReport on a file that is not CSV', () => {
  it('says it cannot read the report without quoting the row it stopped at', () => {
    let failure: unknown
    try {
      parseReport(`uploadKey,uploadStatus\r\nk1,"Success\r\n"${PERSONAL_TEXT.trim()}"x,Done\r\n`)
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).message).toMatch(/not a CSV file Switchboard can read/)
    expect(quotedFragments(`${(failure as AppError).message} ${(failure as AppError).hint}`)).toEqual([])
  })
})
