import { describe, expect, it } from 'vitest'
import { nodeVersionProblem, requiredNodeMajor } from '../../../scripts/require-node.mjs'

describe('the Node the tests run on', () => {
  it('is the Node that Electron 45 ships (24 or newer)', () => {
    console.log(`vitest runs on Node ${process.version} (${process.execPath})`)
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(requiredNodeMajor)
  })

  it('turns away an older Node with a message that says what to do', () => {
    const problem = nodeVersionProblem('v20.20.2')
    expect(problem).toContain('needs Node 24 or newer')
    expect(problem).toContain('npm install')
    expect(nodeVersionProblem('v24.22.3')).toBeUndefined()
    expect(nodeVersionProblem('v26.1.0')).toBeUndefined()
  })
})
