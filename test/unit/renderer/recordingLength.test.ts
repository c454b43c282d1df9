import { describe, expect, it } from 'vitest'
import { formatRecordingLength } from '../../../src/renderer/src/features/uploads/recordingLength'

describe('formatRecordingLength', () => {
  it('reads like a clock, and never shows a real recording as 0:00', () => {
    expect(formatRecordingLength(0.2)).toBe('<0:01')
    expect(formatRecordingLength(0.997)).toBe('0:01')
    expect(formatRecordingLength(7)).toBe('0:07')
    expect(formatRecordingLength(1572.86)).toBe('26:13')
    expect(formatRecordingLength(3723)).toBe('1:02:03')
  })
})
