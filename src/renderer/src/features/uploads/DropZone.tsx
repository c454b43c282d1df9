import { useEffect, useRef } from 'react'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { FileDropZone } from '../../ui/FileDropZone'
import { useStaging } from './stagingStore'
import { useAddFiles, useRestoreStaged } from './useAddFiles'

/** Where recordings come in: dropped files or folders, or the two pickers. */
export function DropZone() {
  const preparing = useStaging((s) => s.preparing)
  const { error, addDropped, addFiles } = useAddFiles()
  const zone = useRef<HTMLElement>(null)
  const focus = useStaging((s) => s.focus)
  useRestoreStaged()
  // After the last staged file is discarded, the next thing to do is to add files again.
  useEffect(() => {
    if (focus?.to !== 'dropZone') return
    zone.current?.querySelector<HTMLButtonElement>('[data-choose-files]')?.focus()
    useStaging.getState().requestFocus(null)
  }, [focus])

  return (
    <>
      <FileDropZone
        ref={zone}
        label="Drop recordings here"
        title="Drop recordings or whole folders here"
        text="Each file is checked by its content before anything is sent."
        testIdPrefix="upload"
        preparing={preparing}
        onDropped={(dropped) => void addDropped(dropped)}
        onPicked={(files) => void addFiles(files)}
      />
      {error != null && <ErrorPanel error={error} title="The files could not be added" />}
    </>
  )
}
