import type { TokenProblem } from '../session'

/** Full-screen: the browser page cannot talk to the web shell without its token. */
export function TokenProblemScreen({ problem }: { problem: Exclude<TokenProblem, null> }) {
  return (
    <main className="token-screen">
      <div className="token-card">
        <h1>{problem === 'missing' ? 'Switchboard needs its access address' : 'This page’s access token was refused'}</h1>
        <p className="token-lead">
          Open the address printed by <code>npm run web</code> / <code>npm start</code>, including <code>#token=...</code>
        </p>
        <p>
          {problem === 'missing'
            ? 'The web shell only answers pages that carry the token it printed when it started, so nothing else on this computer can use it.'
            : 'The token was changed (npm run web -- --new-token), so addresses handed out before no longer work.'}
        </p>
        <p>
          For example: <code>http://127.0.0.1:PORT/#token=…</code>
        </p>
      </div>
    </main>
  )
}
