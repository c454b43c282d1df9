/**
 * Event delivery (issue 15): app events sent, signed the Standard Webhooks way, to the admin's
 * endpoints from a durable outbox, at least once. Registered in core/workflows.ts.
 */
import { webhookMethods } from '../../../shared/contract/webhooks'
import { defineWorkflow } from '../kit'
import { deliveryHandlers } from './deliveryHandlers'
import { disabledNotice } from './disabledNotice'
import { DeliveryScheduler } from './deliveryScheduler'
import { EndpointStore } from './endpointStore'
import { endpointHandlers } from './endpointHandlers'
import { deliveriesFor } from './intake'
import { OutboxStore } from './outboxStore'
import { readDeliveryTuning } from './retrySchedule'
import { SigningSecrets } from './signingSecrets'

export { DELIVERY_TUNING_SETTING, type DeliveryTuning } from './retrySchedule'

export const webhooksWorkflow = defineWorkflow(webhookMethods, async (services) => {
  const endpoints = new EndpointStore(services)
  const secrets = new SigningSecrets(services.secrets)
  const outbox = await OutboxStore.open(services.dataDir)
  const scheduler = new DeliveryScheduler({ services, outbox, endpoints, secrets, tuning: readDeliveryTuning(services.settings) })
  const ctx = { services, endpoints, outbox, secrets, scheduler }
  let unsubscribe: (() => void) | undefined

  return {
    handlers: { ...endpointHandlers(ctx), ...deliveryHandlers(ctx) },
    start: () => {
      // Turned off in an earlier run and not back on: the admin is told at every start until it is.
      for (const endpoint of endpoints.list()) if (endpoint.disabledReason) services.notify(disabledNotice(endpoint))
      scheduler.start()
      // Intake only queues: the workflow that emitted the event never waits for a receiver.
      unsubscribe = services.appEvents.onAppEvent((event, extra) => {
        const deliveries = deliveriesFor(event, extra, endpoints.list(), () => outbox.takeSeq(), services.now().toISOString())
        if (deliveries.length > 0) scheduler.accept(deliveries)
      })
    },
    close: async () => {
      unsubscribe?.()
      await scheduler.close()
      await outbox.close()
    },
  }
})
