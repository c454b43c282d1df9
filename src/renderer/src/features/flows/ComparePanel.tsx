import { useState, type FormEvent } from 'react'
import type { CompareInput, FlowVersionRow } from '../../../../shared/contract/flows'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field } from '../../ui/Field'
import { DiffResult } from './DiffResult'
import { FolderInput } from './FolderInput'
import { versionOptionText } from './flowWords'
import { useCompare, useFlowSettings } from './useFlows'

type RightKind = 'version' | 'archived'

const SHA256 = /^[0-9a-f]{64}$/

/** Compare two versions of the open flow, or one with an archived configuration file named by its hash. */
export function ComparePanel({ flowId, versions }: { flowId: string; versions: FlowVersionRow[] }) {
  const compare = useCompare()
  const settings = useFlowSettings()
  const [left, setLeft] = useState(versions[1]?.id ?? versions[0]?.id ?? '')
  const [right, setRight] = useState(versions[0]?.id ?? '')
  const [rightKind, setRightKind] = useState<RightKind>('version')
  const [hash, setHash] = useState('')
  const [typedFolder, setTypedFolder] = useState<string>()
  const [problem, setProblem] = useState<{ field: 'hash' | 'folder'; text: string }>()
  const folder = typedFolder ?? settings.data?.folder ?? ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    let input: CompareInput
    if (rightKind === 'version') {
      input = { left: { kind: 'version', flowId, versionId: left }, right: { kind: 'version', flowId, versionId: right } }
    } else {
      const sha256 = hash.trim().toLowerCase()
      if (!SHA256.test(sha256)) return setProblem({ field: 'hash', text: 'A SHA-256 is 64 hexadecimal characters (0-9, a-f).' })
      if (!folder.trim()) return setProblem({ field: 'folder', text: 'Type the full path of the archive folder.' })
      input = { left: { kind: 'version', flowId, versionId: left }, right: { kind: 'archived', folder: folder.trim(), sha256 } }
    }
    compare.mutate(input)
  }

  return (
    <section className="flows-compare" aria-labelledby="flows-compare-title">
      <h3 id="flows-compare-title" className="flows-subtitle">
        Compare configurations
      </h3>
      <form className="flows-compare-form" onSubmit={submit} noValidate aria-label="Compare configurations">
        <fieldset className="flows-compare-kind">
          <legend>A version with</legend>
          <label className="radio">
            <input type="radio" name="flows-compare-kind" checked={rightKind === 'version'} onChange={() => setRightKind('version')} />
            Another version
          </label>
          <label className="radio">
            <input type="radio" name="flows-compare-kind" checked={rightKind === 'archived'} onChange={() => setRightKind('archived')} />
            An archived file
          </label>
        </fieldset>
        <Field label="From version">
          {(control) => (
            <select {...control} className="select" value={left} onChange={(e) => setLeft(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {versionOptionText(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {rightKind === 'version' ? (
          <Field label="To version">
            {(control) => (
              <select {...control} className="select" value={right} onChange={(e) => setRight(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionOptionText(v)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div className="flows-compare-archived">
            <Field
              label="SHA-256 of the archived file"
              hint="Its name in configurations/, or the sha256 of a version in a manifest."
              error={problem?.field === 'hash' ? problem.text : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  className="input mono"
                  value={hash}
                  onChange={(e) => setHash(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <FolderInput
              label="Archive folder"
              what="archive"
              value={folder}
              onChange={setTypedFolder}
              hint="The folder the file was archived in."
              error={problem?.field === 'folder' ? problem.text : undefined}
              onError={(text) => setProblem({ field: 'folder', text })}
            />
          </div>
        )}
        <div className="flows-compare-actions">
          <Button type="submit" busy={compare.isPending}>
            Compare
          </Button>
        </div>
      </form>
      {compare.isError && <ErrorPanel error={compare.error} title="The configurations could not be compared" />}
      <div aria-live="polite">{compare.data && <DiffResult result={compare.data} />}</div>
    </section>
  )
}
