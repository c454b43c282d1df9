import { BatchProgress } from './BatchProgress'
import { NamingConvention } from './NamingConvention'
import { PlanReview } from './PlanReview'
import { PromptDropZone } from './PromptDropZone'
import { PromptLibrary } from './PromptLibrary'
import { usePromptUpdates } from './usePrompts'
import './prompts.css'

/** Architect prompts: drop WAVs (and a manifest), review, upload each language, follow it to transcoded; the org's prompts below. */
export function PromptsTab() {
  usePromptUpdates()
  return (
    <div className="prompts-tab">
      <p className="screen-intro">
        IVR prompts go to Architect the way its own editor sends them: each prompt is created or reused, each language resource created, the
        WAV uploaded, then followed until the platform has transcoded it. Nothing is sent before you start the batch.
      </p>
      <NamingConvention />
      <PromptDropZone />
      <PlanReview />
      <BatchProgress />
      <PromptLibrary />
    </div>
  )
}
