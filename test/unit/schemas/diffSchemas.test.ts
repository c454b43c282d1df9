import { describe, expect, it } from 'vitest'
import { buildTarget } from '../../../src/main/core/schemas/buildTarget'
import { diffSchemas } from '../../../src/main/core/schemas/diffSchemas'
import { field, retyped } from './fieldKit'

const base = [field('account', 'identifier'), field('tier', 'enum'), field('age', 'text'), field('notes', 'longtext')]

describe('diffSchemas', () => {
  it('reports each field once: added, removed, changed (a type change is one change, not a remove and an add)', () => {
    const proposed = [
      field('account', 'identifier', { title: 'Account no.' }),
      field('tier', 'enum'),
      retyped(base[2], 'integer'),
      field('vip', 'checkbox'),
    ]
    const changes = diffSchemas(base, proposed)
    expect(changes.map((c) => [c.id, c.kind, c.classification])).toEqual([
      ['account_identifier', 'changed', 'safe'],
      ['age_text', 'changed', 'destructive'],
      ['notes_longtext', 'removed', 'destructive'],
      ['vip_checkbox', 'added', 'safe'],
    ])
    expect(changes[1].after?.key).toBe('age_integer')
    expect(changes[2].reason).toMatch(/lose/)
  })

  it('gives the worst attribute as the field classification and its reason', () => {
    const [change] = diffSchemas(
      [field('tier', 'enum')],
      [field('tier', 'enum', { title: 'Level', options: [{ value: 'low', title: 'Low' }] })],
    )
    expect(change.classification).toBe('data-dependent')
    expect(change.attributes.map((a) => a.kind)).toEqual(['title.changed', 'option.removed'])
    expect(change.reason).toMatch(/no longer pass/)
  })

  it('finds no change between identical lists', () => {
    expect(diffSchemas(base, structuredClone(base))).toEqual([])
  })
})

describe('buildTarget: only ticked changes reach the server', () => {
  it('keeps unticked fields as they were and appends ticked additions', () => {
    const proposed = [
      field('account', 'identifier', { title: 'Account no.' }),
      field('tier', 'enum'),
      retyped(base[2], 'integer'),
      field('vip', 'checkbox'),
      field('extra', 'text'),
    ]
    const changes = diffSchemas(base, proposed)
    const target = buildTarget(base, proposed, changes, new Set(['age_text', 'notes_longtext', 'vip_checkbox']))
    expect(target.map((f) => f.key)).toEqual(['account_identifier', 'tier_enum', 'age_integer', 'vip_checkbox'])
    expect(target[0].title).toBe('account')
  })
})
