import { createElement } from 'react'
import { AuditScreen } from './features/audit/AuditScreen'
import { AuditForwardingTab } from './features/auditForwarding/AuditForwardingTab'
import { ConnectionsScreen } from './features/connections/ConnectionsScreen'
import { FlowsScreen } from './features/flows/FlowsScreen'
import { IntegrationsTab } from './features/integrations/IntegrationsTab'
import { JobsScreen } from './features/jobs/JobsScreen'
import { PromptsTab } from './features/prompts/PromptsTab'
import { PrivacyScreen } from './features/privacy/PrivacyScreen'
import { RecordingsScreen } from './features/recordings/RecordingsScreen'
import { SchemasScreen } from './features/schemas/SchemasScreen'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { UploadsScreen } from './features/uploads/UploadsScreen'
import type { ScreenComponents } from './screens'

/** The Uploads screen with its Prompts tab (features do not import each other; they meet here). */
const UploadsWithPrompts = () => createElement(UploadsScreen, { PromptsTab })
/** Settings with the tabs of event delivery and audit forwarding. */
const SettingsWithTabs = () => createElement(SettingsScreen, { IntegrationsTab, AuditForwardingTab })

/**
 * The component of every built screen in SCREENS. Typed as a Record over the built screen ids, so
 * building a planned screen (or adding one) without registering its component fails `tsc` instead of
 * rendering a blank page.
 */
export const SCREEN_COMPONENTS: ScreenComponents = {
  connections: ConnectionsScreen,
  uploads: UploadsWithPrompts,
  recordings: RecordingsScreen,
  privacy: PrivacyScreen,
  flows: FlowsScreen,
  schemas: SchemasScreen,
  audit: AuditScreen,
  jobs: JobsScreen,
  settings: SettingsWithTabs,
}
