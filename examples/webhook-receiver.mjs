// A minimal receiver for Switchboard's events: verifies each delivery's signature with the Standard
// Webhooks library, drops duplicates by webhook-id, answers 2xx at once and does the work afterwards.
//
//   npm install standardwebhooks
//   WEBHOOK_SECRET=whsec_... PORT=8080 node webhook-receiver.mjs
//
// Switchboard sends to https addresses (plain http only to this computer), so put it behind TLS in production.
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

const MAX_BODY_BYTES = 1024 * 1024

/**
 * A node:http request handler. `secrets` may hold two keys while Switchboard's secret is being rotated;
 * a delivery is accepted when any of them verifies it. `onEvent(event, id)` gets each event once.
 */
export function createWebhookHandler({ secrets, onEvent, seen = new Set() }) {
  const verifiers = secrets.map((secret) => new Webhook(secret))
  return (req, res) => {
    if (req.method !== 'POST') return res.writeHead(405).end()
    const chunks = []
    let size = 0
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) req.destroy()
      else chunks.push(chunk)
    })
    req.on('end', () => {
      // Verify the raw bytes exactly as they came: parsing and re-serialising JSON would change them.
      const body = Buffer.concat(chunks).toString('utf8')
      let event
      for (const verifier of verifiers) {
        try {
          event = verifier.verify(body, req.headers) // checks the signature and that the timestamp is recent
          break
        } catch {
          // try the next secret
        }
      }
      if (!event) return res.writeHead(401).end('bad signature')
      const id = req.headers['webhook-id']
      res.writeHead(204).end()
      // Deliveries are at least once: the same event may come again (a retry, a redelivery). Same id, same event.
      if (seen.has(id)) return
      seen.add(id)
      onEvent(event, id)
    })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secrets = (process.env.WEBHOOK_SECRET ?? '').split(/\s+/).filter(Boolean)
  if (secrets.length === 0) throw new Error('Set WEBHOOK_SECRET to the endpoint secret Switchboard showed (whsec_...).')
  const handler = createWebhookHandler({
    secrets,
    onEvent: (event, id) => console.log(`${event.timestamp} ${event.type} ${id}`, JSON.stringify(event.data)),
  })
  const port = Number(process.env.PORT ?? 8080)
  createServer(handler).listen(port, () => console.log(`Listening on http://localhost:${port}/`))
}
