import type { WebhookEndpointView } from '../../../../shared/contract/webhooks'
import { Card } from '../../ui/Card'
import { DateTime } from '../../ui/DateTime'
import { Fact } from '../../ui/Fact'
import { DeliveryLog } from './DeliveryLog'
import { EndpointActions } from './EndpointActions'

/** The chosen endpoint: its secret's age, its actions and its delivery log. */
export function EndpointDetail({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <Card title={`Endpoint “${endpoint.name}”`} className="wh-detail">
      <dl className="facts facts-grid wh-facts">
        <Fact term="URL" value={endpoint.url} mono />
        <Fact term="Secret made">
          <DateTime iso={endpoint.secretCreatedAt} />
        </Fact>
        {endpoint.previousSecretExpiresAt && (
          <Fact term="Old secret signs until">
            <DateTime iso={endpoint.previousSecretExpiresAt} />
          </Fact>
        )}
        <Fact term="Download links" value={endpoint.includeDownloadLinks ? 'Included' : 'Left out'} />
      </dl>
      {/* Another endpoint chosen: its actions start closed (an open edit form must not carry over). */}
      <EndpointActions key={endpoint.id} endpoint={endpoint} />
      <DeliveryLog endpoint={endpoint} />
    </Card>
  )
}
