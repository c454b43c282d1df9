import { useEffect, useRef, useState, type DragEvent } from 'react'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { readDrop } from './collectFiles'
import { useStaging } from './stagingStore'
import { useAddFiles, useRestoreStaged } from './useAddFiles'

/** Where recordings come in: dropped files or folders, or the two pickers. */
export function DropZone() {
  const [over, setOver] = useState(false)
  const preparing = useStaging((s) => s.preparing)
  const { error, addDropped, addFiles } = useAddFiles()
  const filesInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)
  const zone = useRef<HTMLElement>(null)
  const focus = useStaging((s) => s.focus)
  useRestoreStaged()
  // After the last staged file is discarded, the next thing to do is to add files again.
  useEffect(() => {
    if (focus?.to !== 'dropZone') return
    zone.current?.querySelector<HTMLButtonElement>('[data-choose-files]')?.focus()
    useStaging.getState().requestFocus(null)
  }, [focus])

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    setOver(false)
    void addDropped(readDrop(event.dataTransfer))
  }
  const onPicked = (input: HTMLInputElement | null) => {
    const files = Array.from(input?.files ?? [])
    if (input) input.value = ''
    void addFiles(files)
  }

  return (
    <>
      <section
        ref={zone}
        aria-label="Drop recordings here"
        className={`upload-drop${over ? ' upload-drop-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="upload-drop-title">Drop recordings or whole folders here</p>
        <p className="upload-drop-text">Each file is checked by its content before anything is sent.</p>
        <div className="upload-drop-actions">
          <Button data-choose-files onClick={() => filesInput.current?.click()} disabled={preparing !== null}>
            Choose files…
          </Button>
          <Button onClick={() => folderInput.current?.click()} disabled={preparing !== null}>
            Choose folder…
          </Button>
        </div>
        <input ref={filesInput} type="file" multiple hidden data-testid="upload-files-input" onChange={(e) => onPicked(e.currentTarget)} />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          data-testid="upload-folder-input"
          {...{ webkitdirectory: '' }}
          onChange={(e) => onPicked(e.currentTarget)}
        />
        <p className="upload-drop-status" role="status">
          {preparing ? `Preparing ${preparing.done} of ${preparing.total} file${preparing.total === 1 ? '' : 's'}…` : ''}
        </p>
      </section>
      {error != null && <ErrorPanel error={error} title="The files could not be added" />}
    </>
  )
}
