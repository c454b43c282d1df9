/**
 * Event delivery (issue 15): app events sent, signed, to the admin's endpoints from a durable outbox.
 * Registered in core/workflows.ts.
 */
import { webhookMethods } from '../../../shared/contract/webhooks'
import { AppError } from '../../../shared/errors'
import { defineWorkflow } from '../kit'

// Skeleton only: the delivery part replaces these stubs.
function notBuilt(method: string): never {
  throw new AppError({ code: 'internal', message: `${method} is not built yet.`, hint: 'Event delivery is being built.' })
}

export const webhooksWorkflow = defineWorkflow(webhookMethods, async () => ({
  handlers: {
    'webhooks.endpoints.list': async () => notBuilt('webhooks.endpoints.list'),
    'webhooks.endpoints.add': async () => notBuilt('webhooks.endpoints.add'),
    'webhooks.endpoints.update': async () => notBuilt('webhooks.endpoints.update'),
    'webhooks.endpoints.remove': async () => notBuilt('webhooks.endpoints.remove'),
    'webhooks.endpoints.rotateSecret': async () => notBuilt('webhooks.endpoints.rotateSecret'),
    'webhooks.endpoints.sendTest': async () => notBuilt('webhooks.endpoints.sendTest'),
    'webhooks.deliveries.list': async () => notBuilt('webhooks.deliveries.list'),
    'webhooks.deliveries.redeliver': async () => notBuilt('webhooks.deliveries.redeliver'),
    'webhooks.deliveries.redeliverFailed': async () => notBuilt('webhooks.deliveries.redeliverFailed'),
  },
}))
