/** The structural diff on Architect-like flow configurations: paths by identity, moves, caps. */
import { describe, expect, it } from 'vitest'
import { structuralDiff } from '../../../src/main/core/flows/compare/structuralDiff'
import type { DiffChange } from '../../../src/shared/contract/flows/compare'

/** A configuration as the configuration endpoint returns it (trimmed): menus with choices, tasks with actions, variables, prompts. */
function inboundFlow() {
  return {
    name: 'Main IVR',
    type: 'inboundcall',
    defaultLanguage: 'en-us',
    supportedLanguages: { 'en-us': { defaultLanguageSkill: { noValue: true } } },
    startUpRef: './menus/menu[Main_Menu]',
    settings: { errorHandling: { disconnect: { none: true } }, actionTimeout: 15 },
    variables: [
      { name: 'Flow.CustomerTier', type: 'string', initialValue: 'standard' },
      { name: 'Flow.Attempts', type: 'integer', initialValue: 0 },
    ],
    menus: [
      {
        menu: {
          name: 'Main menu',
          refId: 'Main_Menu',
          audio: { tts: 'Welcome. For billing press 1, for support press 2.' },
          choices: [
            { menuTransferToAcd: { name: 'Billing', refId: 'Choice_Billing', dtmf: 'digit_1', queue: { name: 'Billing' } } },
            { menuTransferToAcd: { name: 'Support', refId: 'Choice_Support', dtmf: 'digit_2', queue: { name: 'Support' } } },
            { menuDisconnect: { name: 'Goodbye', refId: 'Choice_Bye', dtmf: 'digit_9' } },
          ],
        },
      },
      { menu: { name: 'After hours', refId: 'After_Hours', audio: { tts: 'We are closed.' }, choices: [] } },
    ],
    tasks: [
      {
        task: {
          name: 'Identify caller',
          refId: 'Task_Identify',
          actions: [
            { callData: { name: 'Look up account', refId: 'A1', timeout: 'PT10S' } },
            { decision: { name: 'Known?', refId: 'A2', condition: 'IsSet(Flow.CustomerTier)' } },
            { transferToAcd: { name: 'To billing', refId: 'A3', queue: { name: 'Billing' } } },
          ],
        },
      },
    ],
    prompts: ['Prompt.Welcome', 'Prompt.Closed', 'Prompt.Hold'],
    schedules: [{ days: ['MO', 'TU'], open: '08:00', close: '18:00' }],
  }
}

type Flow = ReturnType<typeof inboundFlow>
const edited = (change: (flow: Flow) => void): Flow => {
  const flow = inboundFlow()
  change(flow)
  return flow
}
const choices = (flow: Flow) => flow.menus[0].menu.choices
const actions = (flow: Flow) => flow.tasks[0].task.actions
const paths = (changes: DiffChange[]) => changes.map((c) => `${c.kind} ${c.path}`)

describe('structuralDiff', () => {
  it('finds nothing between a configuration and a copy with its keys in another order', () => {
    const flow = inboundFlow()
    const reordered = Object.fromEntries(Object.entries(inboundFlow()).reverse())
    expect(structuralDiff(flow, reordered)).toEqual({
      counts: { added: 0, removed: 0, changed: 0, moved: 0 },
      changes: [],
      truncated: false,
    })
  })

  it('names a changed value by the refIds of the items around it, with both values as JSON', () => {
    const right = edited((f) => {
      choices(f)[1].menuTransferToAcd!.queue.name = 'Technical support'
      f.settings.actionTimeout = 30
    })
    const diff = structuralDiff(inboundFlow(), right)
    expect(diff.changes).toEqual([
      { kind: 'changed', path: 'settings.actionTimeout', before: '15', after: '30' },
      {
        kind: 'changed',
        path: 'menus[refId=Main_Menu].menu.choices[refId=Choice_Support].menuTransferToAcd.queue.name',
        before: '"Support"',
        after: '"Technical support"',
      },
    ])
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 2, moved: 0 })
  })

  it('shows reordered menu choices as moves, not as a cascade of changes', () => {
    const right = edited((f) => {
      const [billing, support, bye] = choices(f)
      f.menus[0].menu.choices = [bye, billing, support]
    })
    const diff = structuralDiff(inboundFlow(), right)
    expect(diff.changes).toEqual([
      { kind: 'moved', path: 'menus[refId=Main_Menu].menu.choices[refId=Choice_Bye]', fromIndex: 2, toIndex: 0 },
    ])
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 1 })
  })

  it('reports a moved item’s own changes under its path on the right side', () => {
    const right = edited((f) => {
      const [a1, a2, a3] = actions(f)
      a1.callData!.timeout = 'PT20S'
      f.tasks[0].task.actions = [a2, a3, a1]
    })
    expect(paths(structuralDiff(inboundFlow(), right).changes)).toEqual([
      'moved tasks[refId=Task_Identify].task.actions[refId=A1]',
      'changed tasks[refId=Task_Identify].task.actions[refId=A1].callData.timeout',
    ])
  })

  it('names added and removed items by their identity, with the whole item as the value', () => {
    const right = edited((f) => {
      choices(f).splice(0, 1)
      choices(f).push({ menuTransferToAcd: { name: 'Sales', refId: 'Choice_Sales', dtmf: 'digit_3', queue: { name: 'Sales' } } })
      f.variables.push({ name: 'Flow.Language', type: 'string', initialValue: 'en' })
      delete (f.settings as Partial<Flow['settings']>).errorHandling
    })
    const diff = structuralDiff(inboundFlow(), right)
    expect(paths(diff.changes)).toEqual([
      'removed settings.errorHandling',
      'added variables[name=Flow.Language]',
      'removed menus[refId=Main_Menu].menu.choices[refId=Choice_Billing]',
      'added menus[refId=Main_Menu].menu.choices[refId=Choice_Sales]',
    ])
    const sales = diff.changes.find((c) => c.path.endsWith('Choice_Sales]'))!
    expect(JSON.parse(sales.after!)).toMatchObject({ menuTransferToAcd: { name: 'Sales', dtmf: 'digit_3' } })
    expect(sales.before).toBeUndefined()
    expect(diff.counts).toEqual({ added: 2, removed: 2, changed: 0, moved: 0 })
  })

  it('matches variables by name (they have no refId) and whole menus by refId', () => {
    const right = edited((f) => {
      f.variables.reverse()
      f.variables[0].initialValue = 3
      f.menus.reverse()
    })
    expect(paths(structuralDiff(inboundFlow(), right).changes)).toEqual([
      'moved variables[name=Flow.Attempts]',
      'changed variables[name=Flow.Attempts].initialValue',
      'moved menus[refId=After_Hours]',
    ])
  })

  it('moves and adds plain strings in a list (prompts) by value', () => {
    const right = edited((f) => {
      f.prompts = ['Prompt.Hold', 'Prompt.Welcome', 'Prompt.Closed', 'Prompt.Queue']
    })
    const diff = structuralDiff(inboundFlow(), right)
    expect(diff.changes).toEqual([
      { kind: 'moved', path: 'prompts[0]', fromIndex: 2, toIndex: 0 },
      { kind: 'added', path: 'prompts[3]', after: '"Prompt.Queue"' },
    ])
  })

  it('reads an item without identity edited in place as the changes inside it', () => {
    const right = edited((f) => {
      f.schedules[0].close = '20:00'
    })
    expect(structuralDiff(inboundFlow(), right).changes).toEqual([
      { kind: 'changed', path: 'schedules[0].close', before: '"18:00"', after: '"20:00"' },
    ])
  })

  it('quotes keys and identities that are not plain words', () => {
    const right = edited((f) => {
      f.supportedLanguages['en-us'].defaultLanguageSkill.noValue = false
      f.menus[1].menu.refId = 'After hours [old]'
    })
    expect(paths(structuralDiff(inboundFlow(), right).changes)).toEqual([
      'changed supportedLanguages["en-us"].defaultLanguageSkill.noValue',
      'removed menus[refId=After_Hours]',
      'added menus[refId="After hours [old]"]',
    ])
  })

  it('falls back to positions when identities repeat (two items named alike)', () => {
    const left = {
      actions: [
        { name: 'Play', audio: 'a' },
        { name: 'Play', audio: 'b' },
      ],
    }
    const right = {
      actions: [
        { name: 'Play', audio: 'a' },
        { name: 'Play', audio: 'c' },
      ],
    }
    expect(structuralDiff(left, right).changes).toEqual([{ kind: 'changed', path: 'actions[1].audio', before: '"b"', after: '"c"' }])
  })

  it('names a change of the value’s type, and a whole document replaced by another kind of value', () => {
    expect(structuralDiff({ a: { b: 1 } }, { a: [1] }).changes).toEqual([{ kind: 'changed', path: 'a', before: '{"b":1}', after: '[1]' }])
    expect(structuralDiff({ a: 1 }, [1]).changes).toEqual([
      { kind: 'changed', path: '(whole configuration)', before: '{"a":1}', after: '[1]' },
    ])
  })

  it('lists changed keys in the right side’s order, whatever order the left side was stored in', () => {
    const right = { type: 'inboundcall', name: 'B', startUpRef: 'y', defaultLanguage: 'es-us' }
    const sortedLeft = { defaultLanguage: 'en-us', name: 'A', startUpRef: 'x', type: 'inboundcall' }
    expect(paths(structuralDiff(sortedLeft, right).changes)).toEqual(['changed name', 'changed startUpRef', 'changed defaultLanguage'])
  })

  it('counts every change but lists only up to the cap, and cuts long values', () => {
    const left = { variables: Array.from({ length: 40 }, (_, i) => ({ name: `v${i}`, value: i })) }
    const right = { variables: left.variables.map((v) => ({ ...v, value: v.value + 1 })), note: 'x'.repeat(1000) }
    const diff = structuralDiff(left, right, { maxListedChanges: 10, maxValueChars: 50 })
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 40, moved: 0 })
    expect(diff.changes).toHaveLength(10)
    expect(diff.truncated).toBe(true)
    const long = structuralDiff({}, { note: 'x'.repeat(1000) }, { maxListedChanges: 10, maxValueChars: 50 }).changes[0]
    expect(long).toMatchObject({ kind: 'added', path: 'note', truncated: true })
    expect(long.after).toHaveLength(51)
  })
})
