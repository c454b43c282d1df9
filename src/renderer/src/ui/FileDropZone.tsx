import { forwardRef, useRef, useState, type DragEvent, type ReactNode } from 'react'
import { readDrop, type Dropped } from '../droppedFiles'
import { Button } from './Button'
import './fileDropZone.css'

interface FileDropZoneProps {
  /** The zone's accessible name, e.g. "Drop recordings here". */
  label: string
  title: ReactNode
  text: ReactNode
  /** The file picker's accept list; the folder picker takes everything in the folder. */
  accept?: string
  /** Prefix of the pickers' test ids: `<prefix>-files-input`, `<prefix>-folder-input`. */
  testIdPrefix: string
  preparing: { done: number; total: number } | null
  onDropped: (dropped: Dropped) => void
  onPicked: (files: File[]) => void
}

/**
 * Where files come in: dropped files or folders, or the two pickers, with the preparing count read out.
 * The ref is the zone itself, so a screen can put focus back on "Choose files…" (`[data-choose-files]`).
 */
export const FileDropZone = forwardRef<HTMLElement, FileDropZoneProps>(function FileDropZone(
  { label, title, text, accept, testIdPrefix, preparing, onDropped, onPicked },
  zone,
) {
  const [over, setOver] = useState(false)
  const filesInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    setOver(false)
    onDropped(readDrop(event.dataTransfer))
  }
  const picked = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? [])
    input.value = ''
    if (files.length > 0) onPicked(files)
  }

  return (
    <section
      ref={zone}
      aria-label={label}
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-zone-title">{title}</p>
      <p className="drop-zone-text">{text}</p>
      <div className="drop-zone-actions">
        <Button data-choose-files onClick={() => filesInput.current?.click()} disabled={preparing !== null}>
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
        accept={accept}
        data-testid={`${testIdPrefix}-files-input`}
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid={`${testIdPrefix}-folder-input`}
        {...{ webkitdirectory: '' }}
        onChange={(e) => picked(e.currentTarget)}
      />
      <p className="drop-zone-status" role="status">
        {preparing ? `Preparing ${preparing.done} of ${preparing.total} file${preparing.total === 1 ? '' : 's'}…` : ''}
      </p>
    </section>
  )
})
