import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { RequestListener } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SelfSignedServer {
  url: string
  server: Server
  close(): Promise<void>
}

/** An https server on 127.0.0.1 with a certificate nobody vouches for (made with openssl for this run). */
export async function startSelfSignedServer(listener: RequestListener): Promise<SelfSignedServer> {
  const certDir = await mkdtemp(join(tmpdir(), 'switchboard-tls-'))
  const key = join(certDir, 'key.pem')
  const cert = join(certDir, 'cert.pem')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
    { stdio: 'ignore' },
  )
  const server = createServer({ key: await readFile(key), cert: await readFile(cert) }, listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(certDir, { recursive: true, force: true })
    },
  }
}
