/**
 * The pieces of an Architect configuration document (variables, menus with choices, tasks with actions,
 * bot intents, prompts), each built for one version number: see configurationVariation.ts for how they
 * change from version to version.
 */
import { numberIn, presentIn, reorderedIn, valueIn } from './configurationVariation'

export type Json = Record<string, unknown>

const QUEUES = ['Support', 'Billing', 'Sales', 'Retention', 'Claims', 'Priority Support', 'Spanish Support'] as const
const DATA_ACTIONS = ['Lookup Customer by ANI', 'Get Account Balance', 'Check Open Cases', 'Get Holiday Schedule'] as const
const TOPICS = ['billing', 'orders', 'technical support', 'returns', 'account changes', 'opening hours', 'payments', 'claims'] as const
const PHRASES = [
  'Thank you for calling.',
  'Thanks for calling, we are glad to help.',
  'Welcome back.',
  'Calls may be recorded for quality and training.',
  'Please listen carefully as our options have changed.',
] as const

const tts = (text: string) => ({ tts: text })
const lit = (value: unknown) => ({ lit: value })

/** Flow variables: some always there, some added and removed over the versions; initial values change. */
export function variablesFor(flowKey: string, version: number, size: number): Json[] {
  const candidates = [
    { kind: 'stringVariable', name: 'Flow.CustomerTier', values: ['standard', 'gold', 'platinum'] },
    { kind: 'stringVariable', name: 'Flow.PreferredLanguage', values: ['en-us', 'es-us'] },
    { kind: 'booleanVariable', name: 'Flow.IsAuthenticated', values: [false] },
    { kind: 'integerVariable', name: 'Flow.RetryCount', values: [0, 1, 2, 3] },
    { kind: 'queueVariable', name: 'Flow.TargetQueue', values: QUEUES },
    { kind: 'stringVariable', name: 'Flow.AccountNumber', values: [null] },
    { kind: 'booleanVariable', name: 'Flow.AfterHours', values: [false, true] },
    { kind: 'stringVariable', name: 'Flow.CampaignCode', values: ['SPRING', 'SUMMER', 'AUTUMN', 'WINTER'] },
    ...Array.from({ length: size }, (_, i) => ({ kind: 'stringVariable', name: `Flow.Segment${i + 1}`, values: ['a', 'b', 'c'] })),
  ]
  return candidates
    .filter((candidate, index) => index < 3 || presentIn(`${flowKey}:var:${candidate.name}`, version))
    .map((candidate) => {
      const value = valueIn(`${flowKey}:var:${candidate.name}:value`, version, candidate.values as readonly unknown[], 8)
      return {
        [candidate.kind]: {
          name: candidate.name,
          initialValue: value === null ? { noValue: true } : candidate.kind === 'queueVariable' ? lit({ name: value }) : lit(value),
          isInput: candidate.name === 'Flow.AccountNumber',
          isOutput: candidate.name === 'Flow.CustomerTier',
        },
      }
    })
}

/** The flow-level settings every flow type carries. */
export function settingsFor(flowKey: string, version: number): Json {
  return {
    actionDefaults: {
      callData: { processingPrompt: { noValue: true }, timeout: lit({ seconds: numberIn(`${flowKey}:cd`, version, 5, 20) }) },
    },
    errorHandling: valueIn(
      `${flowKey}:error`,
      version,
      [
        { disconnect: { none: true } },
        {
          transferToAcd: {
            targetQueue: lit({ name: 'Support' }),
            preTransferAudio: tts('Sorry, something went wrong. Transferring you now.'),
          },
        },
      ],
      30,
    ),
    menu: {
      extensionDialingMaxDelay: lit({ seconds: 1 }),
      listenForExtensionDialing: lit(false),
      menuSelectionTimeout: lit({ seconds: numberIn(`${flowKey}:timeout`, version, 5, 12) }),
      repeatCount: lit(numberIn(`${flowKey}:repeat`, version, 1, 4, 11)),
    },
    prompts: { ensureAudioInPrompts: false, promptMediaToValidate: ['mediaAudio', 'mediaTts'] },
    speechRec: {
      asrEnabledOnFlow: valueIn(`${flowKey}:asr`, version, [true, false], 13),
      completeMatchTimeout: lit({ ms: 100 }),
      incompleteMatchTimeout: lit({ ms: 1500 }),
      maxSpeechLengthTimeout: lit({ seconds: 20 }),
      minConfidenceLevel: lit(numberIn(`${flowKey}:confidence`, version, 40, 60, 9)),
    },
  }
}

/** Menus with their choices; the main menu's choices are reordered now and then. */
export function menusFor(flowKey: string, version: number, count: number): Json[] {
  return Array.from({ length: count }, (_, m) => {
    const refId = `menu_${m === 0 ? 'main' : `sub${m}`}_${10 + m}`
    const candidates = Array.from({ length: 5 + (m % 3) }, (_, c) => choiceFor(flowKey, version, m, c, count))
    const choices = candidates.filter((_, c) => c < 2 || presentIn(`${flowKey}:menu${m}:choice${c}`, version))
    return {
      menu: {
        name: m === 0 ? 'Main Menu' : `${TOPICS[m % TOPICS.length].replace(/^./, (ch) => ch.toUpperCase())} Menu`,
        refId,
        audio: tts(`${valueIn(`${flowKey}:menu${m}:intro`, version, PHRASES, 4)} ${choices.length} options follow.`),
        settings: {
          menuSelectionTimeout: lit({ seconds: numberIn(`${flowKey}:menu${m}:timeout`, version, 4, 10) }),
          repeatCount: lit(numberIn(`${flowKey}:menu${m}:repeat`, version, 1, 3, 9)),
        },
        choices: m === 0 ? reorderedIn(`${flowKey}:menu0:order`, version, choices, 9) : choices,
      },
    }
  })
}

function choiceFor(flowKey: string, version: number, menu: number, choice: number, menuCount: number): Json {
  const dtmf = `digit_${choice + 1}`
  const topic = TOPICS[(menu + choice) % TOPICS.length]
  const name = `For ${topic}`
  if (choice === 0 && menu + 1 < menuCount)
    return { menuSubMenu: { name, dtmf, globalDtmf: false, subMenuRef: `menu_sub${menu + 1}_${11 + menu}` } }
  if (choice === 4) return { menuDisconnect: { name: 'Goodbye', dtmf: 'digit_9', globalDtmf: false } }
  if (choice === 3) return { menuTask: { name, dtmf, globalDtmf: false, targetTaskRef: `task_${menu % 3}` } }
  return {
    menuTransferToAcd: {
      name,
      dtmf,
      globalDtmf: false,
      globalSpeechRecTerms: false,
      speechRecTerms: { 'en-us': { terms: [topic, `${topic} please`] } },
      queue: lit({ name: valueIn(`${flowKey}:menu${menu}:choice${choice}:queue`, version, QUEUES, 12) }),
      priority: lit(numberIn(`${flowKey}:menu${menu}:choice${choice}:priority`, version, 0, 5, 10)),
      preTransferAudio: tts(`Connecting you to ${topic}.`),
    },
  }
}

/** Reusable tasks, each a list of actions (some nested in decision outputs), some added and removed. */
export function tasksFor(flowKey: string, version: number, count: number): Json[] {
  return Array.from({ length: count }, (_, t) => {
    const key = `${flowKey}:task${t}`
    const actions = [
      {
        setParticipantData: {
          name: 'Set attributes',
          attributes: [{ attribute: { name: lit('Tier'), value: { exp: 'Flow.CustomerTier' } } }],
        },
      },
      {
        callData: {
          name: valueIn(`${key}:data`, version, DATA_ACTIONS, 15),
          category: { 'Genesys Cloud Data Actions': {} },
          dataAction: lit({ name: valueIn(`${key}:data`, version, DATA_ACTIONS, 15) }),
          inputs: { ani: { exp: 'Call.Ani' } },
          outputs: {
            success: {
              actions: [
                {
                  updateData: {
                    name: 'Remember tier',
                    statements: [{ string: { variable: 'Flow.CustomerTier', value: { exp: 'Output.tier' } } }],
                  },
                },
              ],
            },
          },
          timeout: lit({ seconds: numberIn(`${key}:timeout`, version, 5, 15) }),
        },
      },
      {
        decision: {
          name: 'Is priority customer?',
          condition: { exp: `Flow.CustomerTier == "${valueIn(`${key}:tier`, version, ['gold', 'platinum'], 10)}"` },
          outputs: {
            yes: {
              actions: [
                {
                  transferToAcd: {
                    name: 'Priority',
                    targetQueue: lit({ name: 'Priority Support' }),
                    priority: lit(numberIn(`${key}:prio`, version, 5, 9)),
                  },
                },
              ],
            },
            no: { actions: [{ playAudio: { name: 'Reassure', audio: tts(valueIn(`${key}:reassure`, version, PHRASES, 6)) } }] },
          },
        },
      },
      {
        playAudio: {
          name: 'Announcement',
          audio: tts(`Our ${TOPICS[t % TOPICS.length]} team is ready to help. ${valueIn(`${key}:announce`, version, PHRASES, 3)}`),
        },
      },
      {
        setWrapupCode: {
          name: 'Wrap-up',
          wrapupCode: lit({ name: valueIn(`${key}:wrapup`, version, ['Resolved', 'Escalated', 'Callback'], 14) }),
        },
      },
      {
        transferToAcd: {
          name: 'Transfer to queue',
          targetQueue: lit({ name: valueIn(`${key}:queue`, version, QUEUES, 8) }),
          preTransferAudio: tts('Please hold while we connect you.'),
          failureTransferAudio: tts('We could not transfer your call.'),
        },
      },
      { disconnect: { name: 'Disconnect' } },
    ]
    const kept = actions.filter((_, a) => a === actions.length - 1 || a === 2 || presentIn(`${key}:action${a}`, version))
    return {
      task: {
        name: `${TOPICS[t % TOPICS.length].replace(/^./, (ch) => ch.toUpperCase())} handling`,
        refId: `task_${t}`,
        variables: [
          { stringVariable: { name: `Task.Note${t}`, initialValue: lit(valueIn(`${key}:note`, version, ['', 'vip', 'retry'], 12)) } },
        ],
        actions: t === 0 ? reorderedIn(`${key}:order`, version, kept.slice(0, -1), 11).concat(kept.slice(-1)) : kept,
      },
    }
  })
}

/** A bot's natural language understanding: intents with utterances and slots. */
export function intentsFor(flowKey: string, version: number, count: number): Json {
  const intents = Array.from({ length: count + 2 }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]
    return {
      name: `${topic.replace(/\s+(.)/g, (_m, ch: string) => ch.toUpperCase())}Intent`,
      utterances: [`I have a question about ${topic}`, `help with ${topic}`, `${topic}`]
        .filter((_, u) => u === 0 || presentIn(`${flowKey}:intent${i}:utt${u}`, version))
        .map((text) => ({ segments: [{ text }] })),
      confirmation: tts(`You want help with ${topic}, is that right?`),
    }
  }).filter((_, i) => i < 2 || presentIn(`${flowKey}:intent${i}`, version))
  return {
    intents: reorderedIn(`${flowKey}:intents:order`, version, intents, 13),
    entities: [
      { name: 'AccountNumber', type: 'Builtin:Number' },
      { name: 'Topic', type: 'Custom', items: [...TOPICS] },
    ],
    confidenceThreshold: numberIn(`${flowKey}:nlu:confidence`, version, 50, 70, 7) / 100,
  }
}

/** The user prompts a flow plays, with text per language. */
export function promptsFor(flowKey: string, version: number, languages: string[]): Json {
  const names = ['Greeting_Main', 'Closed_Holiday', 'Hold_Message', 'Survey_Offer']
  return {
    user: names
      .filter((name, p) => p === 0 || presentIn(`${flowKey}:prompt:${name}`, version))
      .map((name) => ({
        name,
        description: `${name.replace(/_/g, ' ')} prompt`,
        resources: Object.fromEntries(
          languages.map((language) => [language, { tts: valueIn(`${flowKey}:prompt:${name}:${language}`, version, PHRASES, 7) }]),
        ),
      })),
    system: ['beep', 'silence_1s', 'hold_music_default'],
  }
}
