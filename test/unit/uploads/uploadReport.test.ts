import { describe, expect, it } from 'vitest'
import { parseReport } from '../../../src/main/core/uploads/uploadReport'

describe('parseReport', () => {
  it('finds the columns by name, whatever their order and case', () => {
    const csv = '\uFEFFfileName,UploadStatus,uploadKey,contentMd5\r\n"a, b.wav",Success,k1,AAAAAAAAAAAAAAAAAAAAAA==\r\nc.wav,Pending,k2,\r\n'
    const rows = parseReport(csv)
    expect(rows.get('k1')).toEqual({ uploadKey: 'k1', uploadStatus: 'Success', contentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' })
    expect(rows.get('k2')).toEqual({ uploadKey: 'k2', uploadStatus: 'Pending' })
  })

  it('accepts an empty report and refuses one without the columns it relies on', () => {
    expect(parseReport('uploadKey,uploadStatus\r\n').size).toBe(0)
    expect(() => parseReport('id,state\r\nx,Done\r\n')).toThrow(/no uploadKey and uploadStatus columns/)
  })
})
