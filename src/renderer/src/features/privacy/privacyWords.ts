import {
  isKnownGdprRequestType,
  isKnownGdprStatus,
  type GdprRequestType,
  type GdprSearchType,
  type GdprStatus,
  type KnownGdprRequestType,
  type KnownGdprStatus,
  type ReplacementTermType,
} from '../../../../shared/contract/privacy'

/** Placeholders are made-up examples: never a real subject's name or number. */
export const SEARCH_TYPE_WORDS: Record<GdprSearchType, { label: string; placeholder: string }> = {
  NAME: { label: 'Name', placeholder: 'e.g. Jane Doe' },
  PHONE: { label: 'Phone number (E.164)', placeholder: 'e.g. +44…' },
  EMAIL: { label: 'Email address', placeholder: 'e.g. jane.doe@example.com' },
  ADDRESS: { label: 'Address', placeholder: 'e.g. 1 High Street' },
  TWITTER: { label: 'Twitter / X handle', placeholder: 'e.g. janedoe' },
  FACEBOOK: { label: 'Facebook id', placeholder: 'e.g. jane.doe' },
  INSTAGRAM: { label: 'Instagram handle', placeholder: 'e.g. janedoe' },
  APPLE_MESSAGES: { label: 'Apple Messages id', placeholder: 'e.g. urn:biz:…' },
  EXTERNAL_ID: { label: 'External id', placeholder: 'e.g. CRM-000000' },
}

export const REQUEST_TYPE_WORDS: Record<KnownGdprRequestType, { label: string; noun: string; explain: string }> = {
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

const STATUS_WORDS: Record<KnownGdprStatus, string> = {
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
  TWITTER: 'Twitter / X handle',
}

/** A status this version does not know is shown as the platform sent it. */
export function statusWord(status: GdprStatus): string {
  return isKnownGdprStatus(status) ? STATUS_WORDS[status] : status
}

/** A request type this version does not know is named by its raw value, with nothing made up about it. */
export function requestTypeWords(type: GdprRequestType): { label: string; noun: string; explain: string } {
  if (isKnownGdprRequestType(type)) return REQUEST_TYPE_WORDS[type]
  return { label: type, noun: type, explain: 'A request type this version of Switchboard does not know.' }
}
