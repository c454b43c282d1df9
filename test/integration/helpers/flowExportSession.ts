import { mkdtemp } from 'node:fs/promises'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import { EXPORT_POLLING_SETTING, type ExportPolling } from '../../../src/main/core/flows/exports'
import { manualClock, startSandbox, type ManualClock, type Sandbox, type SandboxOptions } from '../../../src/main/sandbox'
import type { ExportView } from '../../../src/shared/contract/flows'
import { openTestCore, restartableSession, settingsWith, type RestartableSession, type TestOrg } from './coreSession'

/** Reads every 20 ms, at most 100 ms apart: the sandbox's export moves only when the test moves its clock. */
export const FAST_POLLING: ExportPolling = { baseMs: 20, capMs: 100, maxPolls: 5_000 }
/** Each export phase (Registered, Started) lasts this long on the sandbox clock. */
export const EXPORT_STEP_MS = 1_000

export interface FlowExportSession extends RestartableSession {
  clock: ManualClock
  /** Where the core's sandbox profile connects (the sandbox, or a proxy in front of it). */
  org: TestOrg
  /** Exports states as the core announced them, per export id. */
  seen: Map<string, string[]>
}

export async function startFlowExportSession(
  options: SandboxOptions = {},
  front?: (sandbox: Sandbox) => Promise<TestOrg & { close(): Promise<void> }>,
): Promise<FlowExportSession> {
  const clock = manualClock(Date.now())
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, clock, flowExportStepMs: EXPORT_STEP_MS, ...options })
  const proxy = front ? await front(sandbox) : undefined
  const org: TestOrg = proxy ?? sandbox
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-export-'))
  const seen = new Map<string, string[]>()
  const open = async (): Promise<Core> => {
    const core = await openTestCore(dataDir, org, { openSettings: settingsWith(EXPORT_POLLING_SETTING, FAST_POLLING) })
    core.on('flows.export.changed', (view) => {
      const states = seen.get(view.id) ?? []
      if (states.at(-1) !== view.state) states.push(view.state)
      seen.set(view.id, states)
    })
    return core
  }
  const session = await restartableSession(sandbox, dataDir, open)
  const close = session.close
  return Object.assign(session, {
    clock,
    org,
    seen,
    close: async () => {
      await close()
      await proxy?.close()
    },
  })
}

/** The export once `done` holds for it, read from the list each time the core announces a change. */
export function waitForExport(core: Core, id: string, done: (view: ExportView) => boolean, timeoutMs = 15_000): Promise<ExportView> {
  return new Promise<ExportView>((resolve, reject) => {
    let last: ExportView | undefined
    const consider = (view: ExportView | undefined) => {
      if (!view) return
      last = view
      if (!done(view)) return
      clearTimeout(timer)
      off()
      resolve(view)
    }
    const timer = setTimeout(() => {
      off()
      reject(new Error(`export ${id} did not get there in ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`))
    }, timeoutMs)
    const off = core.on('flows.export.changed', (view) => view.id === id && consider(view))
    void core.handlers['flows.export.list']({}).then((list) => consider(list.find((v) => v.id === id)))
  })
}

export const inExportState = (state: string) => (view: ExportView) => view.state === state

/**
 * A real proxy in front of the sandbox that reports every export job that is not finished with a status
 * this version does not know (the platform may add one), and points download links at itself.
 */
export async function unknownStatusProxy(sandbox: Sandbox, status: string): Promise<TestOrg & { close(): Promise<void> }> {
  const upstream = new URL(sandbox.url)
  let self = ''
  const server = createServer((req, res) => {
    // Uncompressed, so a job's JSON can be read and rewritten.
    const { 'accept-encoding': _encoding, ...headers } = req.headers
    const forwarded = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      const rewrite = req.method === 'GET' && /^\/api\/v2\/flows\/export\/jobs\/[^/?]+/.test(req.url ?? '')
      if (!rewrite) {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: string; downloadUrl?: string }
        if (job.status === 'Registered' || job.status === 'Started') job.status = status
        if (job.downloadUrl) job.downloadUrl = job.downloadUrl.replace(sandbox.url, self)
        const body = JSON.stringify(job)
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) }).end(body)
      })
    })
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: self,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
