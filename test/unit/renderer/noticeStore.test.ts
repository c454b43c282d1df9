import { beforeEach, describe, expect, it } from 'vitest'
import { useNotices } from '../../../src/renderer/src/ui/frame/noticeStore'
import type { Notice } from '../../../src/shared/api'

const disabled: Notice = { id: 'webhook-disabled-ep1', level: 'warning', message: 'Archive was turned off after failing for 24 hours.' }
const other: Notice = { id: 'settings-backup', level: 'info', message: 'A damaged settings file was kept as a backup.' }

describe('the notice store', () => {
  beforeEach(() => useNotices.setState({ live: [], retracted: [] }))

  it('drops a retracted notice from the live ones and remembers the id for the copy app.info still lists', () => {
    useNotices.getState().add(disabled)
    useNotices.getState().add(other)
    useNotices.getState().retract(disabled.id)
    expect(useNotices.getState().live).toEqual([other])
    expect(useNotices.getState().retracted).toEqual([disabled.id])
  })

  it('shows a notice of a retracted id again when it is sent anew (the endpoint failed again)', () => {
    useNotices.getState().retract(disabled.id)
    useNotices.getState().retract(disabled.id)
    expect(useNotices.getState().retracted).toEqual([disabled.id])
    useNotices.getState().add(disabled)
    expect(useNotices.getState().retracted).toEqual([])
    expect(useNotices.getState().live).toEqual([disabled])
  })
})
