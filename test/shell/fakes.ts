/**
 * Stand-ins for Electron objects in shell tests. Only Electron's own objects are faked; everything of
 * ours under test is the real code.
 */
import { EventEmitter } from 'node:events'

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
  processId: number
  frameToken: string
}

export function fakeFrame(url: string, overrides: Partial<FakeFrame> = {}): FakeFrame {
  return { url, parent: null, processId: 7, frameToken: 'main-frame-token', ...overrides }
}

/** Web contents as the guards and the IPC binding see them. */
export class FakeWebContents extends EventEmitter {
  destroyed = false
  readonly sent: unknown[][] = []
  windowOpenHandler?: (details: { url: string }) => { action: string }

  constructor(
    readonly id: number,
    readonly mainFrame: FakeFrame,
  ) {
    super()
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  send(...args: unknown[]): void {
    this.sent.push(args)
  }
  getURL(): string {
    return this.mainFrame.url
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

/** An event whose preventDefault we can observe. */
export function fakeEvent(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

/** The details object of will-frame-navigate (Electron passes one event carrying the details). */
export function fakeFrameNavigation(
  isMainFrame: boolean,
  url: string,
): ReturnType<typeof fakeEvent> & { isMainFrame: boolean; url: string } {
  return Object.assign(fakeEvent(), { isMainFrame, url })
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
