import { describe, expect, it } from 'vitest'
import { canonicalDocument } from '../../../src/main/core/flows/archive/configurationFiles'
import { canonicalSha256 } from '../../../src/main/core/flows/compare/canonicalJson'

describe('canonicalSha256', () => {
  it('hashes the same configuration stored in two forms alike, and a changed one differently', () => {
    const stored = JSON.parse('{\n  "name": "Main IVR",\n  "menus": [ { "refId": "M" } ]\n}') as unknown
    const other = JSON.parse('{"menus":[{"refId":"M"}],"name":"Main IVR"}') as unknown
    expect(canonicalSha256(stored)).toBe(canonicalSha256(other))
    expect(canonicalSha256(stored)).toMatch(/^[0-9a-f]{64}$/)
    expect(canonicalSha256({ name: 'Main IVR', menus: [{ refId: 'N' }] })).not.toBe(canonicalSha256(stored))
    expect(canonicalSha256([1, 2])).not.toBe(canonicalSha256([2, 1]))
  })

  it('is the hash the archive names a configuration’s file by, so an identical version matches its archived file', () => {
    const configuration = { name: 'Main IVR', menus: [{ refId: 'M', name: 'Main', choices: [] }], '10': 'integer-like key' }
    expect(canonicalSha256(configuration)).toBe(canonicalDocument(configuration).sha256)
  })
})
