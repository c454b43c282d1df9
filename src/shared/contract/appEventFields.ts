/**
 * The only kinds of field an app event payload may hold. App events leave the app (event delivery), so
 * they carry ids, counts, hashes, times and enumerated words; every string kind here is shaped so that a
 * name, an e-mail address, a phone number or free text cannot pass. A test walks every app event schema
 * and refuses a field built any other way.
 */
import { z } from 'zod'

export const appEventFieldKinds = z.registry<{ kind: string }>()

function kind<S extends z.ZodType>(name: string, schema: S): S {
  appEventFieldKinds.add(schema, { kind: name })
  return schema
}

/** An opaque id made by us or by Genesys Cloud (uuid, job id, upload key, 'sandbox'): no spaces, no @, no +. */
export const entityId = () => kind('id', z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'an id: letters, digits, . _ : -'))
export const sha256Hex = () => kind('sha256', z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'))
export const md5Base64 = () => kind('md5', z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'an MD5 in base64'))
export const count = () => kind('count', z.number().int().min(0))
export const durationMs = () => kind('duration', z.number().int().min(0))
export const version = () => kind('version', z.number().int().min(1))
export const isoTime = () => kind('time', z.iso.datetime())
export const mimeType = () => kind('mime', z.string().regex(/^[a-z]+\/[a-z0-9.+-]{1,80}$/, 'a media type'))
/** A custom field's name as Genesys Cloud allows it (lowercase letters, digits, underscores). */
export const fieldName = () => kind('fieldName', z.string().regex(/^[a-z][a-z0-9_]{0,299}$/, 'a field name'))
/** A language tag as Architect writes it (en-us, fr-fr). */
export const languageTag = () => kind('language', z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/, 'a language tag'))
/** One of a fixed list of words (a request type, a status): the list is in the contract, not the data. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => kind('enum', z.enum(values))
export const listOf = <S extends z.ZodType>(item: S, max: number) => kind('list', z.array(item).max(max))
