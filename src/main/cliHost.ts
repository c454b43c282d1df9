/**
 * `switchboard` inside the desktop app's Electron (bin/switchboard.mjs starts it when that binary is
 * installed): the main process with no window, no dock icon and no GPU, and safeStorage as the secret box,
 * so the command line opens the profiles and the audit key the app sealed in the OS keychain.
 */
import { app, safeStorage } from 'electron'
import { main } from '../cli/main'
import { useAppIdentity } from './appIdentity'
import { createSafeStorageSecretBox } from './secrets'

useAppIdentity(app)
app.disableHardwareAcceleration()
app.dock?.hide()

async function run(): Promise<number> {
  await app.whenReady()
  await main(process.argv, { name: 'electron', secretBox: createSafeStorageSecretBox(safeStorage) }, { from: 'electron' })
  return Number(process.exitCode ?? 0)
}

/** app.exit does not wait for the streams: pipes are written asynchronously on macOS and Windows. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}

void run()
  .catch((error: unknown) => {
    process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  })
  .then(async (code) => {
    await Promise.all([drained(process.stdout), drained(process.stderr)])
    app.exit(code)
  })
