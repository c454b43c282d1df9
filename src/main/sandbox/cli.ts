import { runStandaloneSandbox } from './standalone'

runStandaloneSandbox(process.argv.slice(2)).catch((error: unknown) => {
  console.error('The sandbox could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
