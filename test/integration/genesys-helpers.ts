import { afterAll, beforeAll } from 'vitest'
import { startSandbox } from '../../src/main/sandbox'
import { createGenesysClient, type ApiCallRecord, type GenesysClientOptions } from '../../src/main/core/genesys'

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>

/** One real sandbox server per test file, on a random 127.0.0.1 port. */
export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}): () => Sandbox {
  let sandbox: Sandbox | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 7, ...options })
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return () => {
    if (!sandbox) throw new Error('sandbox not started')
    return sandbox
  }
}

export interface RecordedClient {
  client: ReturnType<typeof createGenesysClient>
  calls: ApiCallRecord[]
  /** Every wait the client asked for, in ms. */
  waits: number[]
}

/**
 * A client of the sandbox whose sleeps are recorded instead of waited (unless the test passes its own),
 * so backoff and Retry-After are asserted exactly and no test waits real seconds.
 */
export function clientFor(
  sandbox: Sandbox,
  overrides: Partial<GenesysClientOptions> & { afterWait?: (ms: number) => void } = {},
): RecordedClient {
  const calls: ApiCallRecord[] = []
  const waits: number[] = []
  const { afterWait, ...options } = overrides
  const client = createGenesysClient({
    apiBase: sandbox.url,
    loginBase: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    onCall: (call) => calls.push(call),
    sleep: async (ms) => {
      waits.push(ms)
      afterWait?.(ms)
    },
    ...options,
  })
  return { client, calls, waits }
}

export function apiCalls(calls: ApiCallRecord[]): ApiCallRecord[] {
  return calls.filter((call) => call.path !== '/oauth/token')
}
