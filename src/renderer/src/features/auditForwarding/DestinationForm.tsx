import { useState, type FormEvent } from 'react'
import type { AuditForwardingConfigView, ForwardingKind } from '../../../../shared/contract/auditForwarding'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'
import { Field, type FieldControlProps } from '../../ui/Field'
import { NumberField } from '../../ui/NumberField'
import { useSaveForwardingConfig } from './useAuditForwarding'

const KIND_LABEL: Record<ForwardingKind, string> = {
  off: 'Off',
  syslog: 'Syslog over TLS (RFC 5424 / 5425)',
  hec: 'Splunk HTTP Event Collector',
}

/** What "acknowledged" means for each kind: syslog has no receipt, so the screen says what stands in for one. */
const DELIVERED: Partial<Record<ForwardingKind, string>> = {
  syslog:
    'Syslog sends no receipt: an entry counts as delivered once written to the connection and the connection stayed up 300 ms. If the connection later drops, the last entries are sent again; the receiver drops repeats by seq.',
  hec: 'An entry counts as delivered when the collector answers 2xx.',
}

/** Where entries go. Secrets (HEC token, client key) are write-only: left empty, the stored one is kept. */
export function DestinationForm({ config }: { config: AuditForwardingConfigView }) {
  const save = useSaveForwardingConfig()
  const [kind, setKind] = useState<ForwardingKind>(config.kind)
  const [host, setHost] = useState(config.host)
  const [port, setPort] = useState(String(config.port))
  const [caCert, setCaCert] = useState(config.caCert)
  const [clientCert, setClientCert] = useState(config.clientCert)
  const [clientKey, setClientKey] = useState('')
  const [hecUrl, setHecUrl] = useState(config.hecUrl)
  const [hecToken, setHecToken] = useState('')
  const [problem, setProblem] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setProblem(undefined)
    const portNumber = Number(port)
    if (kind === 'syslog' && (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535))
      return setProblem('The port is a whole number from 1 to 65535 (syslog over TLS: usually 6514).')
    save.mutate(
      {
        kind,
        host,
        port: kind === 'syslog' ? portNumber : config.port,
        caCert,
        clientCert,
        hecUrl,
        ...(clientKey ? { clientKey } : {}),
        ...(hecToken ? { hecToken } : {}),
      },
      {
        onSuccess: () => {
          setClientKey('')
          setHecToken('')
        },
      },
    )
  }

  return (
    <form className="fwd-form" onSubmit={submit} noValidate aria-label="Forwarding destination">
      <Field label="Send audit entries to" hint={DELIVERED[kind]}>
        {(control) => (
          <select {...control} className="select" value={kind} onChange={(e) => setKind(e.target.value as ForwardingKind)}>
            {(Object.keys(KIND_LABEL) as ForwardingKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'syslog' && (
        <>
          <div className="fwd-row">
            <Field label="Receiver host" hint="As named in the receiver's certificate.">
              {(control) => (
                <input {...control} className="input" value={host} spellCheck={false} onChange={(e) => setHost(e.target.value)} />
              )}
            </Field>
            <NumberField label="Port" min={1} max={65535} value={port} onChange={setPort} />
          </div>
          <Field label="CA certificate (PEM)" hint="The CA that signed the receiver's certificate. Empty: the system's trusted CAs.">
            {(control) => <PemInput control={control} rows={4} value={caCert} onChange={setCaCert} />}
          </Field>
          <details className="fwd-client-cert">
            <summary>Client certificate (only for receivers that ask for one)</summary>
            <Field label="Client certificate (PEM)">
              {(control) => <PemInput control={control} rows={3} value={clientCert} onChange={setClientCert} />}
            </Field>
            <Field
              label="Client private key (PEM)"
              hint={
                config.hasClientKey ? 'A key is stored. Leave empty to keep it.' : 'Stored sealed, like client secrets; never shown again.'
              }
            >
              {(control) => <PemInput control={control} rows={3} value={clientKey} onChange={setClientKey} />}
            </Field>
          </details>
        </>
      )}
      {kind === 'hec' && (
        <>
          <Field label="HEC URL" hint="The base address, e.g. https://splunk.example.com:8088">
            {(control) => (
              <input {...control} className="input" value={hecUrl} spellCheck={false} onChange={(e) => setHecUrl(e.target.value)} />
            )}
          </Field>
          <Field
            label="HEC token"
            hint={
              config.hasHecToken ? 'A token is stored. Leave empty to keep it.' : 'Stored sealed, like client secrets; never shown again.'
            }
          >
            {(control) => (
              <input
                {...control}
                className="input mono"
                type="password"
                autoComplete="off"
                value={hecToken}
                onChange={(e) => setHecToken(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <div className="fwd-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save destination
        </Button>
        <span role="status">{save.isSuccess ? 'Saved.' : ''}</span>
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {save.isError && <ErrorPanel error={save.error} title="The destination was not saved" />}
    </form>
  )
}

interface PemInputProps {
  control: FieldControlProps
  rows: number
  value: string
  onChange(value: string): void
}

/** A PEM block (certificate or key): monospaced, never spell-checked. */
function PemInput({ control, rows, value, onChange }: PemInputProps) {
  return (
    <textarea {...control} className="input mono" rows={rows} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />
  )
}
