import type { SwitchboardBridge } from '../../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (the web bridge stands in). */
    switchboard?: SwitchboardBridge
  }
}

export {}
