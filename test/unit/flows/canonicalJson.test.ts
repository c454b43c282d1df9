import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/main/core/flows/archive/canonicalJson'

describe('canonicalJson', () => {
  it('writes JSON.stringify(value, null, 2) with every key sorted, and one newline at the end', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, e: [] as unknown[], f: {} }
    const sortedByHand = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1, e: [], f: {} }
    expect(canonicalJson(value)).toBe(`${JSON.stringify(sortedByHand, null, 2)}\n`)
  })

  it('gives the same bytes whatever the order the keys arrived in', () => {
    const one = JSON.parse('{"name":"Main","menus":[{"refId":"m1","choices":{"2":"b","10":"c","1":"a"}}]}')
    const two = JSON.parse('{"menus":[{"choices":{"1":"a","10":"c","2":"b"},"refId":"m1"}],"name":"Main"}')
    expect(canonicalJson(one)).toBe(canonicalJson(two))
  })

  it('sorts integer-like keys as text, where JavaScript would put them first in numeric order', () => {
    const text = canonicalJson({ b: 0, '10': 0, '2': 0, a: 0 })
    expect(
      text
        .split('\n')
        .slice(1, -2)
        .map((line) => line.trim().split(':')[0]),
    ).toEqual(['"10"', '"2"', '"a"', '"b"'])
  })

  it('keeps array order, escapes strings as JSON does, and leaves out what JSON leaves out', () => {
    const text = canonicalJson({ list: [3, 1, 2], s: 'quote " and \u2028 and é', gone: undefined, arr: [undefined] })
    const back = JSON.parse(text) as Record<string, unknown>
    expect(back).toEqual({ arr: [null], list: [3, 1, 2], s: 'quote " and \u2028 and é' })
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).not.toMatch(/ +\n/)
  })

  it('keeps a __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":2}')
    expect(JSON.parse(canonicalJson(value))).toEqual(value)
    expect(canonicalJson(value)).toContain('"__proto__": {')
  })
})
