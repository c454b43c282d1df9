import { EventEmitter } from 'node:events'
import type { SignalName, SignalPayload } from '../../../shared/api'

/** Typed fan-out of UI signals to whichever shell is listening. App events go through AppEventHub. */
export class EventHub {
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(100)
  }

  emit<S extends SignalName>(signal: S, payload: SignalPayload<S>): void {
    this.emitter.emit(signal, payload)
  }

  on<S extends SignalName>(signal: S, listener: (payload: SignalPayload<S>) => void): () => void {
    this.emitter.on(signal, listener)
    return () => this.emitter.off(signal, listener)
  }
}
