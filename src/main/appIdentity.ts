import { join } from 'node:path'
import type { App } from 'electron'

export const APP_TITLE = 'Switchboard'

/**
 * The app's name and user data folder, the same for the window app and the command line it hosts:
 * safeStorage finds its key by them (the Keychain item and libsecret entry are named after the app; on
 * Windows the DPAPI-wrapped key lives in the user data folder), so both open what the other sealed.
 * SWITCHBOARD_DATA_DIR points tests and portable setups at their own folder.
 */
export function useAppIdentity(app: Pick<App, 'setName' | 'setPath' | 'getPath'>, env: NodeJS.ProcessEnv = process.env): void {
  app.setName(APP_TITLE)
  app.setPath('userData', env.SWITCHBOARD_DATA_DIR || join(app.getPath('appData'), APP_TITLE))
}
