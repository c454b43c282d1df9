/**
 * A review of dropped files: expanded, mapped to prompts and languages (manifest or file name), checked,
 * duplicates within the batch refused, then compared with the org's prompts in one paged listing. Nothing
 * is created here. When the org cannot be asked, the plan says so and assumes every prompt is new.
 */
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { PlanInput, PlanItem, PromptPlan } from '../../../../shared/contract/prompts'
import { toAppError } from '../../../../shared/errors'
import type { DroppedPathGuard } from './droppedPaths'
import { expandDropped } from './expandDropped'
import { fileKey, readManifest, type Manifest } from './manifest'
import type { OrgPrompt } from './orgPrompts'
import { planOtherFile, planWavFile, type ItemContext } from './planItem'

export interface PlanDeps {
  guard: DroppedPathGuard
  /** The org's prompts by lower-case name; throws when the org cannot be asked. */
  orgPrompts(): Promise<Map<string, OrgPrompt>>
  now(): Date
}

const CHECKED_IN_PARALLEL = 8

export async function buildPlan(input: Required<PlanInput>, deps: PlanDeps): Promise<PromptPlan> {
  const dropped = await expandDropped(input.paths, deps.guard)
  const ignored = [...dropped.ignored]
  const [manifestPath, ...extra] = dropped.manifests
  for (const path of extra) ignored.push({ path, reason: `one manifest per review: ${basename(manifestPath)} is used` })
  const manifest = manifestPath
    ? await readManifest(manifestPath, input.defaultLanguage, new Set(dropped.wavs.map((path) => fileKey(path))))
    : undefined
  const context: ItemContext = { defaultLanguage: input.defaultLanguage, ...(manifest ? { manifest } : {}) }
  const items = [
    ...(await inParallel(dropped.wavs, (path) => planWavFile(path, context))),
    ...(await Promise.all(dropped.others.map((path) => planOtherFile(path, context)))),
  ]
  refuseDuplicates(items)
  const org = await compareWithOrg(items, deps)
  return {
    id: randomUUID(),
    createdAt: deps.now().toISOString(),
    defaultLanguage: input.defaultLanguage,
    items,
    ignored,
    ...(manifest ? { manifest: manifestView(manifest) } : {}),
    ...org,
  }
}

/** The second (and later) file for a prompt and language already planned is refused, naming the first. */
function refuseDuplicates(items: PlanItem[]): void {
  const first = new Map<string, PlanItem>()
  for (const item of items) {
    if (item.action === 'refused') continue
    const key = `${item.promptName.toLowerCase()}\n${item.language}`
    const earlier = first.get(key)
    if (!earlier) {
      first.set(key, item)
      continue
    }
    item.action = 'refused'
    item.refusal = `Same prompt and language as ${earlier.fileName} (${item.promptName}, ${item.language}).`
    item.hint = 'A prompt holds one recording per language: leave one of the two out, or give this one another prompt or language.'
  }
}

async function compareWithOrg(items: PlanItem[], deps: PlanDeps): Promise<Pick<PromptPlan, 'orgChecked' | 'orgProblem'>> {
  const planned = items.filter((item) => item.action !== 'refused')
  if (planned.length === 0) return { orgChecked: true }
  let prompts: Map<string, OrgPrompt>
  try {
    prompts = await deps.orgPrompts()
  } catch (error) {
    const failure = toAppError(error)
    return {
      orgChecked: false,
      orgProblem: `${failure.message}${failure.correlationId ? ` (correlation id ${failure.correlationId})` : ''} ${failure.hint} Until the org can be read, every prompt is shown as new; the batch still looks each one up before it creates it.`,
    }
  }
  for (const item of planned) {
    const existing = prompts.get(item.promptName.toLowerCase())
    if (!existing) continue
    item.promptId = existing.id
    const status = existing.languages.get(item.language)
    if (status === undefined) item.action = 'add-language'
    else {
      item.action = 'replace'
      if (status !== '') item.existingStatus = status
    }
  }
  return { orgChecked: true }
}

function manifestView(manifest: Manifest): NonNullable<PromptPlan['manifest']> {
  return { path: manifest.path, rows: manifest.rows, problems: manifest.problems }
}

async function inParallel<T, R>(values: T[], work: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(values.length)
  let next = 0
  const worker = async () => {
    while (next < values.length) {
      const index = next++
      results[index] = await work(values[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(CHECKED_IN_PARALLEL, values.length) }, worker))
  return results
}
