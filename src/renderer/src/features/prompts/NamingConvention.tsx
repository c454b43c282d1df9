import { useEffect, useState } from 'react'
import { LANGUAGE_PATTERN, PROMPT_LIMITS } from '../../../../shared/contract/prompts'
import { formatBytes } from '../../../../shared/format'
import { Card } from '../../ui/Card'
import { Field } from '../../ui/Field'
import { formatCount } from '../../ui/format'
import { usePromptsWorkspace } from './promptsWorkspace'
import { usePromptSettings } from './usePrompts'
import { useReplan } from './usePlanFiles'

const COMMON_LANGUAGES = ['en-us', 'en-gb', 'en-au', 'fr-fr', 'fr-ca', 'de-de', 'es-es', 'es-us', 'it-it', 'nl-nl', 'pt-br', 'ja-jp']

/** How files become prompts: the naming convention, the CSV manifest's columns, and the batch's default language. */
export function NamingConvention() {
  const settings = usePromptSettings()
  const language = usePromptsWorkspace((s) => s.defaultLanguage)
  const setLanguage = usePromptsWorkspace((s) => s.setDefaultLanguage)
  const replan = useReplan()
  const [draft, setDraft] = useState(language ?? '')

  // The saved default, until the admin picks another for this batch.
  useEffect(() => {
    if (language === null && settings.data) {
      setLanguage(settings.data.defaultLanguage)
      setDraft(settings.data.defaultLanguage)
    }
  }, [language, settings.data, setLanguage])

  const valid = LANGUAGE_PATTERN.test(draft.trim().toLowerCase())
  const commit = () => {
    const next = draft.trim().toLowerCase()
    if (!valid || next === language) return
    setLanguage(next)
    replan()
  }

  return (
    <Card title="How files become prompts" className="prompt-convention">
      <div className="prompt-convention-grid">
        <div>
          <p>
            Name each file <code>prompt_name.language.wav</code>: <code>welcome_message.en-us.wav</code> and{' '}
            <code>welcome_message.fr-fr.wav</code> are two languages of the prompt <code>welcome_message</code>. A file without a language,
            such as <code>welcome_message.wav</code>, gets the batch’s default language.
          </p>
          <p className="muted">
            Prompt names: letters, digits and underscores, starting with a letter, at most {PROMPT_LIMITS.maxNameLength} characters. Files:
            WAV (PCM 8 or 16 bit, µ-law or A-law), at most {formatCount(PROMPT_LIMITS.maxFileBytes)} bytes (
            {formatBytes(PROMPT_LIMITS.maxFileBytes)}) each, up to {PROMPT_LIMITS.maxBatchItems} in a batch.
          </p>
          <p>
            Or drop a CSV manifest with the files, one row per file, with the columns <code>file</code>, <code>prompt name</code>,{' '}
            <code>language</code>, <code>description</code> and <code>TTS text</code> (the last three optional): its names and languages win
            over the file names.
          </p>
        </div>
        <Field
          label="Default language"
          hint="For files whose name carries none, e.g. en-us or fr-fr."
          error={valid || draft === '' ? undefined : 'A language such as en-us or fr-fr'}
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input mono prompt-language"
                list="prompt-languages"
                value={draft}
                spellCheck={false}
                onChange={(e) => setDraft(e.target.value)}
                onBlur={commit}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') commit()
                }}
              />
              <datalist id="prompt-languages">
                {COMMON_LANGUAGES.map((l) => (
                  <option key={l} value={l} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
    </Card>
  )
}
