import { SEED_USERS } from '../users'
import type { CoreType } from './coretypes'

type Json = Record<string, unknown>

/** One stored version as the seeds describe it: fields in order, which are required, who and when. */
export interface SeedVersion {
  fields: [key: string, property: Json][]
  required: string[]
  createdBy: string
  dateCreated: string
}

export interface SeedSchema {
  id: string
  name: string
  description: string
  versions: SeedVersion[]
}

const ADMIN_A = SEED_USERS.danaWhitfield
const ADMIN_B = SEED_USERS.marcusOkafor

function field(type: CoreType, title: string, extra: Json = {}, description?: string): Json {
  return { allOf: [{ $ref: `#/definitions/${type}` }], title, ...(description ? { description } : {}), ...extra }
}

function options(...pairs: [value: string, title: string][]): Json {
  return {
    enum: pairs.map(([value]) => value),
    _enumProperties: Object.fromEntries(pairs.map(([value, title]) => [value, { title, _disabled: false }])),
  }
}

const customerV1: SeedVersion['fields'] = [
  [
    'account_number_identifier',
    field('identifier', 'Account number', { minLength: 1, maxLength: 20 }, 'The account number in the billing system'),
  ],
  ['loyalty_tier_enum', field('enum', 'Loyalty tier', options(['bronze', 'Bronze'], ['silver', 'Silver'], ['gold', 'Gold']))],
  ['vip_checkbox', field('checkbox', 'VIP')],
  ['nickname_text', field('text', 'Preferred name', { minLength: 0, maxLength: 60 })],
  ['notes_longtext', field('longtext', 'Service notes', { minLength: 0, maxLength: 1000 })],
]
const customerV2: SeedVersion['fields'] = [
  ...customerV1.map(([key, value]): [string, Json] =>
    key === 'loyalty_tier_enum'
      ? [
          key,
          field('enum', 'Loyalty tier', options(['bronze', 'Bronze'], ['silver', 'Silver'], ['gold', 'Gold'], ['platinum', 'Platinum'])),
        ]
      : [key, value],
  ),
  [
    'lifetime_value_number',
    field('number', 'Lifetime value', { minimum: 0, maximum: 10000000 }, 'Revenue to date, in the account currency'),
  ],
  ['open_tickets_integer', field('integer', 'Open tickets', { minimum: 0, maximum: 1000 })],
]
const customerV3: SeedVersion['fields'] = [
  ...customerV2,
  [
    'preferred_language_enum',
    field('enum', 'Preferred language', options(['en', 'English'], ['fr', 'French'], ['de', 'German'], ['es', 'Spanish'])),
  ],
  ['crm_profile_url', field('url', 'CRM profile', { minLength: 0, maxLength: 200 })],
  ['interests_tag', field('tag', 'Interests', { items: { minLength: 1, maxLength: 50 }, minItems: 0, maxItems: 10, uniqueItems: true })],
  ['customer_since_date', field('date', 'Customer since')],
  ['last_contacted_datetime', field('datetime', 'Last contacted')],
]

const entitlements: SeedVersion['fields'] = [
  ['contract_id_identifier', field('identifier', 'Contract id', { minLength: 1, maxLength: 30 })],
  [
    'support_level_enum',
    field('enum', 'Support level', options(['standard', 'Standard'], ['premium', 'Premium'], ['enterprise', 'Enterprise'])),
  ],
  ['contract_end_date', field('date', 'Contract ends')],
  ['seats_integer', field('integer', 'Licensed seats', { minimum: 1, maximum: 100000 })],
  ['region_text', field('text', 'Sales region', { minLength: 0, maxLength: 40 })],
  ['escalation_contact_text', field('text', 'Escalation contact', { minLength: 0, maxLength: 100 })],
  ['auto_renew_checkbox', field('checkbox', 'Renews automatically')],
  ['portal_url', field('url', 'Customer portal', { minLength: 0, maxLength: 200 })],
]

const CYCLE: CoreType[] = ['text', 'integer', 'enum', 'checkbox', 'date', 'number', 'longtext', 'tag', 'identifier', 'url', 'datetime']

/** A hundred fields of every type: the benchmark's and the load test's schema. */
export function hundredFields(): SeedVersion['fields'] {
  return Array.from({ length: 100 }, (_, i) => {
    const type = CYCLE[i % CYCLE.length]
    const n = String(i + 1).padStart(3, '0')
    return [
      `attribute_${n}_${type}`,
      field(type, `Attribute ${n}`, constraintsFor(type, i), i % 3 === 0 ? `Campaign attribute ${n}` : undefined),
    ]
  })
}

function constraintsFor(type: CoreType, i: number): Json {
  switch (type) {
    case 'text':
    case 'identifier':
      return { minLength: 0, maxLength: 50 + (i % 50) }
    case 'longtext':
      return { minLength: 0, maxLength: 1000 }
    case 'url':
      return { minLength: 0, maxLength: 200 }
    case 'integer':
    case 'number':
      return { minimum: 0, maximum: 1000 * (1 + (i % 9)) }
    case 'enum':
      return options(['low', 'Low'], ['medium', 'Medium'], ['high', 'High'])
    case 'tag':
      return { items: { minLength: 1, maxLength: 100 }, minItems: 0, maxItems: 10, uniqueItems: true }
    default:
      return {}
  }
}

/** Deterministic seed data: the same ids, fields and history on every start. */
export function seedSchemas(): SeedSchema[] {
  return [
    {
      id: '3b8f2a64-1c3e-4f0a-9d61-7c2e5b9a4d10',
      name: 'Customer profile',
      description: 'What agents see about a customer',
      versions: [
        {
          fields: customerV1,
          required: ['account_number_identifier'],
          createdBy: SEED_USERS.formerAdmin,
          dateCreated: '2024-02-12T09:15:00.000Z',
        },
        { fields: customerV2, required: ['account_number_identifier'], createdBy: ADMIN_B, dateCreated: '2024-05-03T14:40:00.000Z' },
        { fields: customerV3, required: ['account_number_identifier'], createdBy: ADMIN_A, dateCreated: '2024-09-20T11:05:00.000Z' },
      ],
    },
    {
      id: '8d41c7e2-5a9b-4e3f-b0c8-2f6d1e7a9b21',
      name: 'Support entitlements',
      description: 'Contract and support level of B2B contacts',
      versions: [
        {
          fields: entitlements,
          required: ['contract_id_identifier', 'support_level_enum'],
          createdBy: SEED_USERS.restrictedAdmin,
          dateCreated: '2024-03-18T08:00:00.000Z',
        },
      ],
    },
    {
      id: 'c5e09a3d-7b2f-4a86-8e14-93d0f6b2c532',
      name: 'Marketing attributes',
      description: 'One hundred campaign attributes',
      versions: [{ fields: hundredFields(), required: [], createdBy: ADMIN_A, dateCreated: '2024-07-01T10:30:00.000Z' }],
    },
  ]
}
