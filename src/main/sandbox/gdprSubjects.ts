import { uuidFrom } from './organization'

/** The platform's GDPRSubject (shared/genesys-api.md, privacy export row). */
export interface GdprSubject {
  name?: string
  userId?: string
  externalContactId?: string
  dialerContactId?: { id: string; contactListId: string }
  journeyCustomer?: { type: string; id: string }
  socialHandle?: { type: string; value: string }
  externalId?: string
  addresses: string[]
  phoneNumbers: string[]
  emailAddresses: string[]
}

export const GDPR_SEARCH_TYPES = [
  'NAME',
  'ADDRESS',
  'PHONE',
  'EMAIL',
  'TWITTER',
  'FACEBOOK',
  'INSTAGRAM',
  'APPLE_MESSAGES',
  'EXTERNAL_ID',
] as const
export type GdprSearchType = (typeof GDPR_SEARCH_TYPES)[number]

interface SeedSubject {
  key: string
  subject: GdprSubject
  /** Requests about this person end in ERROR, so clients can show what to do then. */
  failing?: boolean
}

const id = (text: string) => uuidFrom(`gdpr-subject:${text}`)

/**
 * People of the sandbox org. Phone numbers are from ranges set aside for fiction (Ofcom's 020 7946 0xxx
 * and 07700 900xxx, North America's 555-01xx); mail domains are the reserved example.* ones.
 * Amelia Hart is both a user and an external contact, so a name search shows two kinds of match.
 */
const SEED: SeedSubject[] = [
  {
    key: 'amelia-user',
    subject: {
      name: 'Amelia Hart',
      userId: id('amelia-user'),
      addresses: ['12 Rose Street, London EC1A 1BB, United Kingdom'],
      phoneNumbers: ['+442079460123'],
      emailAddresses: ['amelia.hart@example.com'],
    },
  },
  {
    key: 'amelia-contact',
    subject: {
      name: 'Amelia Hart',
      externalContactId: id('amelia-contact'),
      addresses: ['4 Mill Lane, Leeds LS1 4AP, United Kingdom'],
      phoneNumbers: ['+447700900123'],
      emailAddresses: ['amelia.h@example.org'],
    },
  },
  {
    key: 'bruno',
    subject: {
      name: 'Bruno Costa',
      externalContactId: id('bruno'),
      socialHandle: { type: 'TWITTER', value: 'brunocosta_example' },
      addresses: [],
      phoneNumbers: ['+15555550101'],
      emailAddresses: ['bruno.costa@example.net'],
    },
  },
  {
    key: 'chen',
    subject: {
      name: 'Chen Wei',
      dialerContactId: { id: id('chen'), contactListId: id('contact-list:renewals') },
      addresses: [],
      phoneNumbers: ['+15555550102'],
      emailAddresses: [],
    },
  },
  {
    key: 'dana',
    subject: {
      name: 'Dana Whitfield',
      journeyCustomer: { type: 'cookie', id: id('dana') },
      addresses: [],
      phoneNumbers: [],
      emailAddresses: ['dana.whitfield@example.com'],
    },
  },
  {
    key: 'erik',
    subject: {
      name: 'Erik Nilsson',
      externalContactId: id('erik'),
      socialHandle: { type: 'FACEBOOK', value: 'erik.nilsson.example' },
      addresses: ['Storgatan 7, 111 23 Stockholm, Sweden'],
      phoneNumbers: ['+447700900456'],
      emailAddresses: [],
    },
  },
  {
    key: 'fatima',
    subject: {
      name: 'Fatima Zahra',
      externalId: 'CRM-000417',
      socialHandle: { type: 'INSTAGRAM', value: 'fatima.z.example' },
      addresses: [],
      phoneNumbers: [],
      emailAddresses: ['fatima.zahra@example.org'],
    },
  },
  {
    key: 'grace',
    subject: {
      name: "Grace O'Neil",
      userId: id('grace'),
      socialHandle: { type: 'APPLE_MESSAGES', value: 'urn:biz:grace-oneil-example' },
      addresses: [],
      phoneNumbers: ['+15555550142'],
      emailAddresses: ['grace.oneil@example.com'],
    },
  },
  {
    key: 'ivan',
    failing: true,
    subject: {
      name: 'Ivan Petrov',
      externalContactId: id('ivan'),
      addresses: ['1 Failure Road, Springfield'],
      phoneNumbers: ['+15555550199'],
      emailAddresses: ['ivan.petrov@example.com'],
    },
  },
  {
    key: 'jonas',
    subject: {
      name: 'Jonas Berg',
      userId: id('jonas'),
      addresses: [],
      phoneNumbers: ['+442079460777'],
      emailAddresses: ['jonas.berg@example.com'],
    },
  },
]

export function seededSubject(key: string): GdprSubject {
  const seed = SEED.find((s) => s.key === key)
  if (!seed) throw new Error(`No seeded GDPR subject ${key}`)
  return structuredClone(seed.subject)
}

/** GET /api/v2/gdpr/subjects: every seeded subject the search value finds, by the rules of its type. */
export function searchSubjects(searchType: GdprSearchType, searchValue: string): GdprSubject[] {
  const value = searchValue.trim().toLowerCase()
  return SEED.map((s) => s.subject)
    .filter((subject) => matches(subject, searchType, value))
    .map((subject) => structuredClone(subject))
}

function matches(subject: GdprSubject, type: GdprSearchType, value: string): boolean {
  switch (type) {
    case 'NAME':
      return value.split(/\s+/).every((word) => (subject.name ?? '').toLowerCase().includes(word))
    case 'ADDRESS':
      return subject.addresses.some((address) => address.toLowerCase().includes(value))
    case 'PHONE':
      return digits(value).length > 0 && subject.phoneNumbers.some((phone) => digits(phone) === digits(value))
    case 'EMAIL':
      return subject.emailAddresses.some((email) => email.toLowerCase() === value)
    case 'EXTERNAL_ID':
      return (subject.externalId ?? '').toLowerCase() === value
    default:
      return subject.socialHandle?.type === type && subject.socialHandle.value.toLowerCase() === value.replace(/^@/, '')
  }
}

/** True when a request names a person whose requests the sandbox fails (any of their identifiers). */
export function isMarkedToFail(subject: GdprSubject): boolean {
  return SEED.filter((s) => s.failing).some(({ subject: failing }) => {
    if (failing.name && subject.name?.trim().toLowerCase() === failing.name.toLowerCase()) return true
    if (failing.externalContactId && subject.externalContactId === failing.externalContactId) return true
    if (subject.emailAddresses.some((e) => failing.emailAddresses.includes(e.toLowerCase()))) return true
    return subject.phoneNumbers.some((p) => failing.phoneNumbers.some((f) => digits(f) === digits(p)))
  })
}

function digits(text: string): string {
  return text.replace(/\D/g, '')
}
