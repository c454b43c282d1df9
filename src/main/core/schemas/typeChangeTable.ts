import type { FieldType } from '../../../shared/contract/schemas'

/** How many existing values a data migration could carry from one type to another. */
export type ValueConversion = 'all' | 'lossy' | 'some' | 'none'

export interface TypeChangeRule {
  values: ValueConversion
  /** What a migration to the new key could carry over, in words. */
  reason: string
}

/*
 * A field's type is part of its key (loyalty_tier_text -> loyalty_tier_enum), so the platform never
 * converts values in place: existing records keep their value under the old key, which is no longer
 * shown, exactly as when the field is removed. Every type change is therefore destructive (the
 * classifier says so); this table only says how much a later data migration could bring back.
 */
const all = (why: string): TypeChangeRule => ({
  values: 'all',
  reason: `a migration could convert every value (${why})`,
})
const lossy = (why: string): TypeChangeRule => ({
  values: 'lossy',
  reason: `a migration could convert every value but loses detail (${why})`,
})
const some = (why: string): TypeChangeRule => ({
  values: 'some',
  reason: `a migration could convert only some values (${why}); the others are lost`,
})
const none = (why: string): TypeChangeRule => ({
  values: 'none',
  reason: `no value can convert (${why}), not even with a migration`,
})

/** Every change of type, from (row) to (column). The unit test walks all pairs and fails on a gap. */
export const TYPE_CHANGES: Record<FieldType, Record<FieldType, TypeChangeRule | null>> = {
  text: {
    text: null,
    longtext: all('100 characters fit a text area of 1000'),
    identifier: all('both hold up to 100 characters'),
    url: some('only text that is a web address of at most 200 characters'),
    integer: some('only text that is a whole number'),
    number: some('only text that is a number'),
    checkbox: some('only text that reads true or false'),
    date: some('only text that is an ISO date'),
    datetime: some('only text that is an ISO date and time'),
    enum: some('only text equal to one of the options'),
    tag: all('a text becomes a single tag of at most 100 characters'),
  },
  longtext: {
    longtext: null,
    text: some('only values of at most 100 characters'),
    identifier: some('only values of at most 100 characters'),
    url: some('only values that are web addresses of at most 200 characters'),
    integer: some('only values that are whole numbers'),
    number: some('only values that are numbers'),
    checkbox: some('only values that read true or false'),
    date: some('only values that are ISO dates'),
    datetime: some('only values that are ISO dates and times'),
    enum: some('only values equal to one of the options'),
    tag: some('only values of at most 100 characters become a tag'),
  },
  identifier: {
    identifier: null,
    text: all('both hold up to 100 characters'),
    longtext: all('100 characters fit a text area of 1000'),
    url: some('only identifiers that are web addresses'),
    integer: some('only identifiers that are whole numbers'),
    number: some('only identifiers that are numbers'),
    checkbox: some('only identifiers that read true or false'),
    date: some('only identifiers that are ISO dates'),
    datetime: some('only identifiers that are ISO dates and times'),
    enum: some('only identifiers equal to one of the options'),
    tag: all('an identifier becomes a single tag of at most 100 characters'),
  },
  url: {
    url: null,
    text: some('only addresses of at most 100 characters; a URL may have 200'),
    longtext: all('200 characters fit a text area of 1000'),
    identifier: some('only addresses of at most 100 characters'),
    integer: none('a web address is never a whole number'),
    number: none('a web address is never a number'),
    checkbox: none('a web address is never true or false'),
    date: none('a web address is never a date'),
    datetime: none('a web address is never a date and time'),
    enum: some('only addresses equal to one of the options'),
    tag: some('only addresses of at most 100 characters become a tag'),
  },
  integer: {
    integer: null,
    text: all('a whole number written out fits 100 characters'),
    longtext: all('a whole number written out fits a text area'),
    identifier: all('a whole number written out fits 100 characters'),
    url: none('a number is never a web address'),
    number: all('every whole number is a number'),
    checkbox: some('only 0 and 1 map to unticked and ticked'),
    date: none('a whole number is not a date the platform accepts'),
    datetime: none('a whole number is not a date and time the platform accepts'),
    enum: some('only numbers written exactly like one of the options'),
    tag: all('a whole number becomes a single tag'),
  },
  number: {
    number: null,
    text: all('a number written out fits 100 characters'),
    longtext: all('a number written out fits a text area'),
    identifier: all('a number written out fits 100 characters'),
    url: none('a number is never a web address'),
    integer: some('only whole numbers; decimals would be rounded or refused'),
    checkbox: some('only 0 and 1 map to unticked and ticked'),
    date: none('a number is not a date the platform accepts'),
    datetime: none('a number is not a date and time the platform accepts'),
    enum: some('only numbers written exactly like one of the options'),
    tag: all('a number becomes a single tag'),
  },
  checkbox: {
    checkbox: null,
    text: all('ticked and unticked become "true" and "false"'),
    longtext: all('ticked and unticked become "true" and "false"'),
    identifier: all('ticked and unticked become "true" and "false"'),
    url: none('true or false is never a web address'),
    integer: all('ticked and unticked become 1 and 0'),
    number: all('ticked and unticked become 1 and 0'),
    date: none('true or false is never a date'),
    datetime: none('true or false is never a date and time'),
    enum: some('only when the options include true and false'),
    tag: all('true or false becomes a single tag'),
  },
  date: {
    date: null,
    text: all('an ISO date fits 100 characters'),
    longtext: all('an ISO date fits a text area'),
    identifier: all('an ISO date fits 100 characters'),
    url: none('a date is never a web address'),
    integer: none('a date is not a whole number'),
    number: none('a date is not a number'),
    checkbox: none('a date is not true or false'),
    datetime: lossy('a date becomes midnight UTC of that day, which may be another day in the local time zone'),
    enum: some('only dates written exactly like one of the options'),
    tag: all('an ISO date becomes a single tag'),
  },
  datetime: {
    datetime: null,
    text: all('an ISO date and time fits 100 characters'),
    longtext: all('an ISO date and time fits a text area'),
    identifier: all('an ISO date and time fits 100 characters'),
    url: none('a date and time is never a web address'),
    integer: none('a date and time is not a whole number'),
    number: none('a date and time is not a number'),
    checkbox: none('a date and time is not true or false'),
    date: lossy('the time of day is dropped'),
    enum: some('only values written exactly like one of the options'),
    tag: all('an ISO date and time becomes a single tag'),
  },
  enum: {
    enum: null,
    text: all('option values have at most 100 characters'),
    longtext: all('option values fit a text area'),
    identifier: all('option values have at most 100 characters'),
    url: some('only options that are web addresses'),
    integer: some('only options that are whole numbers'),
    number: some('only options that are numbers'),
    checkbox: some('only options that read true or false'),
    date: some('only options that are ISO dates'),
    datetime: some('only options that are ISO dates and times'),
    tag: all('the chosen option becomes a single tag'),
  },
  tag: {
    tag: null,
    text: some('only records with a single tag, or tags that joined fit 100 characters'),
    longtext: lossy('the tags can be joined into one text, but they are no longer separate tags'),
    identifier: some('only records with a single tag'),
    url: some('only records with a single tag that is a web address'),
    integer: some('only records with a single tag that is a whole number'),
    number: some('only records with a single tag that is a number'),
    checkbox: some('only records with a single tag that reads true or false'),
    date: some('only records with a single tag that is an ISO date'),
    datetime: some('only records with a single tag that is an ISO date and time'),
    enum: some('only records with a single tag equal to one of the options'),
  },
}
