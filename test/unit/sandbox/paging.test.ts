import { describe, expect, it } from 'vitest'
import { pageOf } from '../../../src/main/sandbox/paging'

const items = Array.from({ length: 55 }, (_, i) => i + 1)

describe('pageOf', () => {
  it('slices a page and links first, next, previous and last with the other query fields kept', () => {
    const page = pageOf(items, '/api/v2/flows', { pageNumber: '2', pageSize: '25' }, { type: 'inboundcall' })
    expect(page.entities).toEqual(items.slice(25, 50))
    expect(page).toMatchObject({ pageNumber: 2, pageSize: 25, total: 55, pageCount: 3 })
    expect(page.firstUri).toBe('/api/v2/flows?type=inboundcall&pageSize=25&pageNumber=1')
    expect(page.previousUri).toBe('/api/v2/flows?type=inboundcall&pageSize=25&pageNumber=1')
    expect(page.nextUri).toBe('/api/v2/flows?type=inboundcall&pageSize=25&pageNumber=3')
    expect(page.lastUri).toBe('/api/v2/flows?type=inboundcall&pageSize=25&pageNumber=3')
    expect(page.selfUri).toBe('/api/v2/flows?type=inboundcall&pageSize=25&pageNumber=2')
  })

  it('defaults to page 1 of 25, and leaves out links that do not exist', () => {
    const page = pageOf(items.slice(0, 3), '/api/v2/x', {})
    expect(page).toMatchObject({ entities: [1, 2, 3], pageNumber: 1, pageSize: 25, pageCount: 1 })
    expect(page.nextUri).toBeUndefined()
    expect(page.previousUri).toBeUndefined()
  })

  it('answers an empty page past the end, and an empty list as one empty page', () => {
    expect(pageOf(items, '/x', { pageNumber: 9, pageSize: 25 }).entities).toEqual([])
    expect(pageOf([], '/x', {})).toMatchObject({ entities: [], total: 0, pageCount: 1 })
  })
})
