import { useRef, useState, type DragEvent } from 'react'
import { readDrop } from '../../droppedFiles'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { usePromptsWorkspace } from './promptsWorkspace'
import { usePlanFiles } from './usePlanFiles'

/** Where prompts come in: dropped WAV files, folders and a CSV manifest, or the two pickers. */
export function PromptDropZone() {
  const [over, setOver] = useState(false)
  const preparing = usePromptsWorkspace((s) => s.preparing)
  const { error, addDropped, addFiles } = usePlanFiles()
  const filesInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    setOver(false)
    void addDropped(readDrop(event.dataTransfer))
  }
  const onPicked = (input: HTMLInputElement | null) => {
    const files = Array.from(input?.files ?? [])
    if (input) input.value = ''
    if (files.length > 0) void addFiles(files)
  }

  return (
    <>
      <section
        aria-label="Drop prompts here"
        className={`upload-drop${over ? ' upload-drop-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="upload-drop-title">Drop prompt WAV files, folders or a CSV manifest here</p>
        <p className="upload-drop-text">You review what will be created, added or replaced before anything is sent.</p>
        <div className="upload-drop-actions">
          <Button onClick={() => filesInput.current?.click()} disabled={preparing !== null}>
            Choose files…
          </Button>
          <Button onClick={() => folderInput.current?.click()} disabled={preparing !== null}>
            Choose folder…
          </Button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          accept=".wav,.csv,audio/wav,text/csv"
          data-testid="prompt-files-input"
          onChange={(e) => onPicked(e.currentTarget)}
        />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          data-testid="prompt-folder-input"
          {...{ webkitdirectory: '' }}
          onChange={(e) => onPicked(e.currentTarget)}
        />
        <p className="upload-drop-status" role="status">
          {preparing ? `Preparing ${preparing.done} of ${preparing.total} file${preparing.total === 1 ? '' : 's'}…` : ''}
        </p>
      </section>
      {error != null && <ErrorPanel error={error} title="The prompts could not be reviewed" />}
    </>
  )
}
