import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { copyFixture, writeWav } from '../fixtures/audio'
import { expect, expectAccessible, saveScreens, saveScreensAtWidths, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

/** What the test reads of the page's <audio> element (DOM types are not in this file's lib). */
interface MediaState {
  readyState: number
  error: unknown
  duration: number
}

test('prompts: drop a folder, review (replace an existing language), upload, see them transcoded, play one', async ({ page, shell }) => {
  // Two axe scans and eight screenshots on a shared machine.
  test.setTimeout(120_000)
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-prompts-'))
  try {
    // Two languages of a new prompt, a new language and a replaced one of the seeded welcome_message,
    // a corrupt WAV (a header with no samples) and a file that is no prompt at all.
    await writeWav(join(dir, 'e2e_greeting.en-us.wav'), { variant: 1, bytes: 8_044 })
    await writeWav(join(dir, 'e2e_greeting.fr-fr.wav'), { variant: 2, bytes: 8_044 })
    await writeWav(join(dir, 'welcome_message.en-us.wav'), { variant: 3, bytes: 16_044 })
    await writeWav(join(dir, 'welcome_message.fr-fr.wav'), { variant: 4, bytes: 8_044 })
    await copyFixture('header-only.wav', join(dir, 'broken.en-us.wav'))
    writeFileSync(join(dir, 'notes.txt'), 'not a prompt')

    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
    // The tabs take the arrow keys: from "Call recordings" to "Prompts".
    const tabs = page.getByRole('tablist', { name: 'Upload kinds' })
    await tabs.getByRole('tab', { name: 'Call recordings' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect(tabs.getByRole('tab', { name: 'Prompts' })).toHaveAttribute('aria-selected', 'true')
    await expect(tabs.getByRole('tab', { name: 'Prompts' })).toBeFocused()
    const panel = page.getByRole('tabpanel', { name: 'Prompts' })
    await expect(panel).toContainText('welcome_message.fr-fr.wav')
    await expect(panel.getByRole('combobox', { name: 'Default language' })).toHaveValue('en-us')
    await saveScreens(page, 'prompts-empty')

    await page.getByTestId('prompt-folder-input').setInputFiles(dir)
    const review = page.getByRole('region', { name: 'Review' })
    const files = review.getByRole('table', { name: 'Prompt files' })
    await expect(files.getByRole('row')).toHaveCount(6)
    await expect(files.getByRole('row', { name: /e2e_greeting\.en-us\.wav/ })).toContainText('Create')
    await expect(files.getByRole('row', { name: /welcome_message\.fr-fr\.wav/ })).toContainText('Add language')
    const replaced = files.getByRole('row', { name: /welcome_message\.en-us\.wav/ })
    await expect(replaced).toContainText('Replace')
    await expect(files.getByRole('row', { name: /broken\.en-us\.wav/ })).toContainText(/Refused.*no audio samples/)
    await expect(review.getByRole('region', { name: 'Refused before sending' })).toContainText('notes.txt: Not a .wav prompt')
    // A replace is asked: skipped unless chosen.
    await expect(review.getByRole('button', { name: 'Upload 3 prompt files' })).toBeVisible()
    await replaced.getByRole('radio', { name: 'Replace' }).check()
    await saveScreensAtWidths(page, 'prompts-review')
    await expectAccessible(page, 'prompts review')

    await review.getByRole('button', { name: 'Upload 4 prompt files' }).click()
    const uploads = page.getByRole('table', { name: 'Prompt uploads' })
    await expect(uploads.getByRole('row')).toHaveCount(5)
    for (const name of ['e2e_greeting.en-us.wav', 'e2e_greeting.fr-fr.wav', 'welcome_message.en-us.wav', 'welcome_message.fr-fr.wav'])
      await expect(uploads.getByRole('row', { name: new RegExp(name.replace(/\./g, '\\.')) })).toContainText('Transcoded', {
        timeout: 30_000,
      })
    await expect(uploads.getByRole('row', { name: /welcome_message\.en-us\.wav/ })).toContainText('replacing')
    const batch = page.getByRole('region', { name: 'Prompt uploads' })
    await expect(batch).toContainText('Finished')
    await expect(batch.getByRole('definition').first()).toHaveText('4')

    // The library lists them with their languages; play the new prompt's French.
    const library = page.getByRole('region', { name: 'The org’s prompts' })
    await library.getByRole('textbox', { name: 'Name' }).fill('e2e_')
    await library.getByRole('button', { name: 'Search' }).click()
    const prompts = library.getByRole('table', { name: 'Prompts' })
    await expect(prompts.getByRole('row')).toHaveCount(2)
    await expect(prompts).toContainText('fr-fr')
    await prompts.getByRole('button', { name: 'Play e2e_greeting fr-fr' }).click()
    const audio = page.getByTestId('prompt-audio')
    await expect(audio).toHaveAttribute('src', /^blob:/)
    // The browser read the WAV: its length is known and it reported no error.
    await expect.poll(() => audio.evaluate((el) => (el as unknown as MediaState).readyState)).toBeGreaterThanOrEqual(1)
    expect(await audio.evaluate((el) => (el as unknown as MediaState).error)).toBeNull()
    expect(await audio.evaluate((el) => Math.round((el as unknown as MediaState).duration * 10))).toBe(5)

    // Export what the search matches to a CSV at a typed path: the written path and row count are shown.
    const csv = join(dir, 'prompts.csv')
    await library.getByRole('button', { name: 'Export CSV…' }).click()
    const exportForm = library.getByRole('form', { name: 'Export prompts' })
    await exportForm.getByRole('textbox', { name: 'Save as' }).fill(csv)
    await exportForm.getByRole('button', { name: 'Export CSV' }).click()
    await expect(exportForm).toContainText(/Exported \d+ rows?/)
    await expect(exportForm.locator('.prompt-export-path')).toContainText(csv)
    expect(readFileSync(csv, 'utf8')).toContain('e2e_greeting')
    await library.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'prompts-done')
    await expectAccessible(page, 'prompts done')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
