import type { GdprRequestType, GdprSearchType, GdprStatus, ReplacementTermType } from '../../../../shared/contract/privacy'

export const SEARCH_TYPE_WORDS: Record<GdprSearchType, { label: string; placeholder: string }> = {
  NAME: { label: 'Name', placeholder: 'Amelia Hart' },
  PHONE: { label: 'Phone number (E.164)', placeholder: '+442079460123' },
  EMAIL: { label: 'Email address', placeholder: 'amelia.hart@example.com' },
  ADDRESS: { label: 'Address', placeholder: '12 Rose Street' },
  TWITTER: { label: 'Twitter / X handle', placeholder: 'handle' },
  FACEBOOK: { label: 'Facebook id', placeholder: 'name.surname' },
  INSTAGRAM: { label: 'Instagram handle', placeholder: 'handle' },
  APPLE_MESSAGES: { label: 'Apple Messages id', placeholder: 'urn:biz:…' },
  EXTERNAL_ID: { label: 'External id', placeholder: 'CRM-000417' },
}

export const REQUEST_TYPE_WORDS: Record<GdprRequestType, { label: string; noun: string; explain: string }> = {
  GDPR_EXPORT: {
    label: 'Export',
    noun: 'GDPR export',
    explain: 'A copy of the personal data Genesys Cloud holds about them (right of access).',
  },
  GDPR_UPDATE: {
    label: 'Update',
    noun: 'GDPR update',
    explain: 'Replace a name, address, phone number or email wherever it is stored (right to rectification).',
  },
  GDPR_DELETE: { label: 'Delete', noun: 'GDPR delete', explain: 'Erase their personal data (right to erasure). It cannot be undone.' },
}

export const STATUS_WORDS: Record<GdprStatus, string> = {
  INITIATED: 'Initiated',
  SEARCHING: 'Searching',
  UPDATING: 'Updating',
  DELETING: 'Deleting',
  FINALIZING: 'Finalizing',
  COMPLETED: 'Completed',
  ERROR: 'Error',
}

export const TERM_TYPE_WORDS: Record<ReplacementTermType, string> = {
  NAME: 'Name',
  ADDRESS: 'Address',
  PHONE: 'Phone number',
  EMAIL: 'Email address',
}
