/**
 * The sandbox org's seeded prompts, so a review has something to replace and languages to add to:
 * welcome_message (en-us, transcoded), closed_message (en-us and fr-fr, transcoded) and hold_music
 * (en-us, transcodeFailed: its WAV has no samples). Ids derive from the names, the same on every start.
 */
import { uuidFrom } from '../organization'
import { wavHeader, WAVE_FORMAT_PCM } from '../recordings/wavHeader'

export const SANDBOX_PROMPT_SEEDS = {
  welcome_message: uuidFrom('sandbox-prompt:welcome_message'),
  closed_message: uuidFrom('sandbox-prompt:closed_message'),
  hold_music: uuidFrom('sandbox-prompt:hold_music'),
} as const

export interface PromptSeedSpec {
  name: keyof typeof SANDBOX_PROMPT_SEEDS
  description: string
  /** Each language's audio: a tone of that many seconds, or 'empty' (a header without samples: transcodeFailed). */
  resources: { language: string; audio: number | 'empty'; ttsString?: string }[]
}

export const PROMPT_SEED_SPECS: PromptSeedSpec[] = [
  {
    name: 'welcome_message',
    description: 'Greeting played at the start of every inbound call',
    resources: [{ language: 'en-us', audio: 1.5, ttsString: 'Welcome to the Sandbox Contact Centre.' }],
  },
  {
    name: 'closed_message',
    description: 'Played outside business hours',
    resources: [
      { language: 'en-us', audio: 2, ttsString: 'We are closed. Please call again during business hours.' },
      { language: 'fr-fr', audio: 2.5, ttsString: 'Nous sommes fermés. Merci de rappeler pendant nos heures d’ouverture.' },
    ],
  },
  { name: 'hold_music', description: 'Music on hold', resources: [{ language: 'en-us', audio: 'empty' }] },
]

const SAMPLE_RATE = 8000

/** A mono 8 kHz 16-bit PCM tone of `seconds`, or a WAV header with no samples. */
export function seedWav(audio: number | 'empty'): Buffer {
  const samples = audio === 'empty' ? 0 : Math.round(audio * SAMPLE_RATE)
  const header = wavHeader(samples * 2, { formatTag: WAVE_FORMAT_PCM, bitsPerSample: 16, sampleRate: SAMPLE_RATE })
  const body = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) body.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 523 * i) / SAMPLE_RATE) * 8000), i * 2)
  return Buffer.concat([header, body])
}
