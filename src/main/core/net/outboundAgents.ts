import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'

// Idle pooled sockets are dropped before a storage host's own idle timeout (S3: about 20 s) can race a reuse.
const POOL = { keepAlive: true, timeout: 15_000 }

// Remote hosts go through the system proxy when HTTPS_PROXY / NO_PROXY say so (Node's own proxy support,
// where the runtime has it); the sandbox on loopback never does: no proxy may sit between us and it.
const remote = { http: new HttpAgent({ ...POOL, proxyEnv: process.env }), https: new HttpsAgent({ ...POOL, proxyEnv: process.env }) }
const loopback = { http: new HttpAgent(POOL), https: new HttpsAgent(POOL) }

/** 127.0.0.0/8, ::1 and localhost: this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export function agentFor(url: URL): HttpAgent {
  const pool = isLoopbackHost(url.hostname) ? loopback : remote
  return url.protocol === 'https:' ? pool.https : pool.http
}
