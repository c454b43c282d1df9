import { describe, expect, expectTypeOf, it } from 'vitest'
import type { SCREEN_COMPONENTS } from '../../../src/renderer/src/screenRegistry'
import { SCREENS, type BuiltScreenId, type ScreenComponents } from '../../../src/renderer/src/screens'

const Blank = () => null

describe('screen registry', () => {
  it('has a component for every built screen and for nothing else (held by the typecheck)', () => {
    expectTypeOf<keyof typeof SCREEN_COMPONENTS>().toEqualTypeOf<BuiltScreenId>()
    // @ts-expect-error a built screen without a component does not typecheck
    const missingOne: ScreenComponents = { connections: Blank, uploads: Blank, privacy: Blank, schemas: Blank, audit: Blank, jobs: Blank }
    const unknownOne: ScreenComponents = {
      connections: Blank,
      uploads: Blank,
      recordings: Blank,
      privacy: Blank,
      flows: Blank,
      schemas: Blank,
      audit: Blank,
      jobs: Blank,
      settings: Blank,
      // @ts-expect-error nor does a component for a screen that is not in SCREENS
      reports: Blank,
    }
    expect([missingOne, unknownOne]).toHaveLength(2)
  })

  it('built screens are the ones without a plan', () => {
    const built: BuiltScreenId[] = ['connections', 'uploads', 'recordings', 'privacy', 'flows', 'schemas', 'audit', 'jobs', 'settings']
    expect(
      SCREENS.filter((s) => !('planned' in s))
        .map((s) => s.id)
        .sort(),
    ).toEqual([...built].sort())
  })
})
