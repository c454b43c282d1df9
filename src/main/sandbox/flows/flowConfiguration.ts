/**
 * A flow version's configuration: the Architect JSON GET .../versions/{versionId}/configuration answers.
 * Built from the flow and the version number alone (deterministic), a few KB for a small flow up to
 * tens of KB for a large one; neighbouring versions differ by values changed, items added and removed,
 * and items moved.
 */
import { intentsFor, menusFor, promptsFor, settingsFor, tasksFor, variablesFor, type Json } from './configurationParts'
import { presentIn, valueIn } from './configurationVariation'

export interface ConfigurationSubject {
  key: string
  name: string
  description: string
  type: string
  divisionName: string
  /** How many menus and tasks (1..10). */
  size: number
}

/** The flow types with IVR menus; bots have intents; the others are tasks only. */
const MENU_TYPES = new Set(['INBOUNDCALL', 'OUTBOUNDCALL', 'INQUEUECALL', 'SECURECALL', 'VOICEMAIL'])
const BOT_TYPES = new Set(['BOT', 'DIGITALBOT'])

/** Archy's name for the flow type (the top-level key of its YAML): INBOUNDCALL -> inboundCall. */
export function archyTypeKey(type: string): string {
  const words: Record<string, string> = {
    INBOUNDCALL: 'inboundCall',
    INQUEUECALL: 'inQueueCall',
    OUTBOUNDCALL: 'outboundCall',
    BOT: 'bot',
    DIGITALBOT: 'digitalBot',
    WORKFLOW: 'workflow',
    INBOUNDCHAT: 'inboundChat',
    INBOUNDEMAIL: 'inboundEmail',
    INBOUNDSHORTMESSAGE: 'inboundShortMessage',
    COMMONMODULE: 'commonModule',
    VOICEMAIL: 'voicemail',
    SECURECALL: 'secureCall',
  }
  return words[type] ?? type.toLowerCase()
}

export function flowConfiguration(flow: ConfigurationSubject, version: number): Json {
  const key = flow.key
  const languages = presentIn(`${key}:lang:es-us`, version) && version > 3 ? ['en-us', 'es-us'] : ['en-us']
  const menus = MENU_TYPES.has(flow.type) ? menusFor(key, version, Math.max(1, Math.ceil(flow.size / 2))) : []
  const tasks = tasksFor(key, version, flow.size)
  const startUpRef = menus.length > 0 ? `./menus/menu[menu_main_10]` : `./tasks/task[task_0]`
  return {
    name: flow.name,
    description: flow.description,
    type: archyTypeKey(flow.type),
    division: flow.divisionName,
    version: `${version}.0`,
    defaultLanguage: 'en-us',
    supportedLanguages: Object.fromEntries(
      languages.map((language) => [
        language,
        {
          defaultLanguageSkill: { noValue: true },
          textToSpeech: {
            defaultEngine: 'Genesys TTS',
            voice: valueIn(`${key}:voice:${language}`, version, ['Jill', 'Joanna', 'Lupe'], 40),
          },
        },
      ]),
    ),
    startUpRef,
    ...(menus.length > 0
      ? { initialGreeting: { tts: valueIn(`${key}:greeting`, version, GREETINGS, 3).replace('{flow}', flow.name) } }
      : {}),
    settings: settingsFor(key, version),
    variables: variablesFor(key, version, flow.size),
    ...(BOT_TYPES.has(flow.type) ? { nlu: intentsFor(key, version, flow.size) } : {}),
    ...(menus.length > 0 ? { menus } : {}),
    tasks,
    prompts: promptsFor(key, version, languages),
  }
}

const GREETINGS = [
  'Welcome to {flow}.',
  'Hello and thank you for calling {flow}.',
  'Welcome to {flow}. Our opening hours have changed.',
  'Thanks for calling {flow}. For faster service, visit our website.',
] as const
