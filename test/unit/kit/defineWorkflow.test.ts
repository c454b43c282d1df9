import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Handlers, MethodName } from '../../../src/shared/api'
import { dialogMethods } from '../../../src/shared/contract/dialogs'
import { defineWorkflow, type WorkflowHandlers } from '../../../src/main/core/kit'
import { WORKFLOWS, type WorkflowMethodName } from '../../../src/main/core/workflows'

// These checks run in `npm run typecheck` (test/ is in tsconfig.node.json): each @ts-expect-error
// fails the typecheck the day its line stops being an error.
const pickFolder: Handlers['dialogs.pickFolder'] = async () => ({ supported: false })
const pickSaveFile: Handlers['dialogs.pickSaveFile'] = async () => ({ supported: false })

describe('defineWorkflow', () => {
  it('accepts a factory with exactly one handler per method of the contract file', async () => {
    const complete = defineWorkflow(dialogMethods, () => ({
      handlers: { 'dialogs.pickFolder': pickFolder, 'dialogs.pickSaveFile': pickSaveFile },
    }))
    expect(complete.area).toBe('dialogs')
    const workflow = await complete.create({} as never)
    expect(Object.keys(workflow.handlers).sort()).toEqual(['dialogs.pickFolder', 'dialogs.pickSaveFile'])
    expectTypeOf<WorkflowHandlers<typeof dialogMethods>>().toEqualTypeOf<Pick<Handlers, 'dialogs.pickFolder' | 'dialogs.pickSaveFile'>>()
  })

  it('fails the typecheck when a handler is missing', () => {
    // @ts-expect-error dialogs.pickSaveFile has no handler
    const missing = defineWorkflow(dialogMethods, () => ({ handlers: { 'dialogs.pickFolder': pickFolder } }))
    expect(missing.methods).toBe(dialogMethods)
  })

  it('fails the typecheck when a handler is missing from a handlers object built beforehand', () => {
    const handlers = { 'dialogs.pickFolder': pickFolder }
    // @ts-expect-error dialogs.pickSaveFile has no handler
    const missing = defineWorkflow(dialogMethods, () => ({ handlers }))
    expect(missing.area).toBe('dialogs')
  })

  it('fails the typecheck when a handler is for a method outside the contract file', () => {
    const extra = defineWorkflow(dialogMethods, () => ({
      handlers: {
        'dialogs.pickFolder': pickFolder,
        'dialogs.pickSaveFile': pickSaveFile,
        // @ts-expect-error app.info belongs to the core, not to the dialogs workflow
        'app.info': async () => ({}) as never,
      },
    }))
    expect(extra.area).toBe('dialogs')
  })

  it('fails the typecheck when a handlers object built beforehand has one too many', () => {
    const handlers = {
      'dialogs.pickFolder': pickFolder,
      'dialogs.pickSaveFile': pickSaveFile,
      'uploads.clear': (async () => ({ removed: 0 })) as Handlers['uploads.clear'],
    }
    // @ts-expect-error uploads.clear belongs to the uploads workflow
    const extra = defineWorkflow(dialogMethods, () => ({ handlers }))
    expect(extra.area).toBe('dialogs')
  })

  it('fails the typecheck when a handler answers the wrong type', () => {
    const wrong = defineWorkflow(dialogMethods, () => ({
      handlers: {
        // @ts-expect-error the contract says PickPathResult, not a string
        'dialogs.pickFolder': async () => 'C:/',
        'dialogs.pickSaveFile': pickSaveFile,
      },
    }))
    expect(wrong.area).toBe('dialogs')
  })

  it('leaves createCore exactly the methods no registered workflow handles (a contract file without a workflow would land here)', () => {
    expectTypeOf<Exclude<MethodName, WorkflowMethodName>>().toEqualTypeOf<
      | 'app.info'
      | 'profiles.list'
      | 'profiles.save'
      | 'profiles.remove'
      | 'profiles.setActive'
      | 'profiles.test'
      | 'status.get'
      | 'jobs.list'
      | 'jobs.cancel'
      | 'jobs.pause'
      | 'jobs.retry'
      | 'jobs.resumeAll'
      | 'jobs.resume'
      | 'shell.openExternal'
    >()
    expect(WORKFLOWS.map((w) => w.area)).toEqual([
      'uploads',
      'schemas',
      'privacy',
      'recordings',
      'flows',
      'prompts',
      'audit',
      'dialogs',
      'webhooks',
      'auditForwarding',
    ])
  })

  it('refuses, at definition, methods from more than one area', () => {
    expect(() =>
      defineWorkflow({ 'a.one': { input: 1, result: 1 }, 'b.two': { input: 1, result: 1 } }, () => ({ handlers: {} as never })),
    ).toThrow(/one prefix/)
  })
})
