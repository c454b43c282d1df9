import { describe, expect, it } from 'vitest'
import { PromptName } from '../../../src/shared/contract/prompts'
import { checkPromptName, mapFileName, suggestPromptName } from '../../../src/main/core/prompts/plan/nameConvention'

describe('mapFileName', () => {
  it('reads <prompt>.<language>.wav, the language matched case-insensitively and kept lower case', () => {
    expect(mapFileName('welcome_message.en-us.wav', 'de-de')).toEqual({
      promptName: 'welcome_message',
      language: 'en-us',
      languageInName: true,
    })
    expect(mapFileName('Welcome_Message.FR-FR.WAV', 'de-de')).toEqual({
      promptName: 'Welcome_Message',
      language: 'fr-fr',
      languageInName: true,
    })
    expect(mapFileName('menu.es.wav', 'en-us')).toMatchObject({ promptName: 'menu', language: 'es' })
    expect(mapFileName('menu.zh-hant-tw.wav', 'en-us')).toMatchObject({ promptName: 'menu', language: 'zh-hant-tw' })
  })

  it('gives a name without a language the default language', () => {
    expect(mapFileName('closed_message.wav', 'de-DE')).toEqual({ promptName: 'closed_message', language: 'de-de', languageInName: false })
  })

  it('keeps a last part that is no language code in the prompt name (which the name check then refuses)', () => {
    expect(mapFileName('hold.music.wav', 'en-us')).toMatchObject({ promptName: 'hold.music', language: 'en-us', languageInName: false })
    expect(mapFileName('menu.v2.wav', 'en-us')).toMatchObject({ promptName: 'menu.v2', languageInName: false })
    expect(mapFileName('.en-us.wav', 'fr-fr')).toMatchObject({ promptName: '.en-us', language: 'fr-fr' })
  })
})

describe('checkPromptName', () => {
  it('takes letters, digits and underscores starting with a letter', () => {
    expect(checkPromptName('welcome_message2')).toEqual({ ok: true, name: 'welcome_message2' })
  })

  it.each([
    ['Welcome Message', 'spaces', 'Welcome_Message'],
    ['2nd_menu', 'does not start with a letter', 'prompt_2nd_menu'],
    ['hold.music', '“.”', 'hold_music'],
    ['café-menu', '“é”, “-”', 'cafe_menu'],
    ['', 'empty', 'prompt'],
    ['x'.repeat(201), '201 characters', 'x'.repeat(200)],
  ])('refuses %j, saying why, with a valid suggestion', (name, why, suggestion) => {
    const check = checkPromptName(name)
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.reason).toContain(why)
    expect(check.suggestion).toBe(suggestion)
    expect(PromptName.safeParse(check.suggestion).success).toBe(true)
  })

  it('suggests a valid name whatever it is given', () => {
    for (const name of ['___', '日本語', '  9 ', '-a-', 'a'.repeat(199) + '_b'])
      expect(PromptName.safeParse(suggestPromptName(name)).success).toBe(true)
  })
})
