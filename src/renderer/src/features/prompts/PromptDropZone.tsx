import { ErrorPanel } from '../../ui/ErrorPanel'
import { FileDropZone } from '../../ui/FileDropZone'
import { usePromptsWorkspace } from './promptsWorkspace'
import { usePlanFiles } from './usePlanFiles'

/** Where prompts come in: dropped WAV files, folders and a CSV manifest, or the two pickers. */
export function PromptDropZone() {
  const preparing = usePromptsWorkspace((s) => s.preparing)
  const { error, addDropped, addFiles } = usePlanFiles()
  return (
    <>
      <FileDropZone
        label="Drop prompts here"
        title="Drop prompt WAV files, folders or a CSV manifest here"
        text="You review what will be created, added or replaced before anything is sent."
        accept=".wav,.csv,audio/wav,text/csv"
        testIdPrefix="prompt"
        preparing={preparing}
        onDropped={(dropped) => void addDropped(dropped)}
        onPicked={(files) => void addFiles(files)}
      />
      {error != null && <ErrorPanel error={error} title="The prompts could not be reviewed" />}
    </>
  )
}
