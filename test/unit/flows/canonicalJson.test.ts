import { describe, expect, it } from 'vitest'
import { canonicalJson, canonicalSha256 } from '../../../src/main/core/flows/compare/canonicalJson'

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, and writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}')
  })

  it('hashes the same configuration stored in two forms alike, and a changed one differently', () => {
    const stored = JSON.parse('{\n  "name": "Main IVR",\n  "menus": [ { "refId": "M" } ]\n}') as unknown
    const other = JSON.parse('{"menus":[{"refId":"M"}],"name":"Main IVR"}') as unknown
    expect(canonicalSha256(stored)).toBe(canonicalSha256(other))
    expect(canonicalSha256(stored)).toMatch(/^[0-9a-f]{64}$/)
    expect(canonicalSha256({ name: 'Main IVR', menus: [{ refId: 'N' }] })).not.toBe(canonicalSha256(stored))
    expect(canonicalSha256([1, 2])).not.toBe(canonicalSha256([2, 1]))
  })
})
