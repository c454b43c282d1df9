import { flowTypeText, isKnownFlowType } from './flowWords'

/** A flow type in words; one this version does not know, as the platform wrote it, marked as such. */
export function FlowTypeLabel({ type }: { type: string }) {
  if (isKnownFlowType(type)) return <span>{flowTypeText(type)}</span>
  return (
    <code className="flows-raw" title="A flow type this version of Switchboard does not know, as the org sent it">
      {type}
    </code>
  )
}
