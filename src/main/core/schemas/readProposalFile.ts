import { readFile, stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import type { FieldDef } from '../../../shared/contract/schemas'
import { AppError } from '../../../shared/errors'
import { parseJsonText } from '../files/parseJsonText'
import { JsonSchemaDocument } from './dataSchema'
import { parseFields } from './fieldModel'

const MAX_BYTES = 5 * 1024 * 1024

/** What a proposal file may hold: a whole DataSchema (as exported or kept in git), or only its jsonSchema. */
const ProposalFile = z.union([
  z
    .looseObject({ jsonSchema: JsonSchemaDocument.extend({ properties: z.record(z.string(), z.unknown()) }) })
    .transform((v) => v.jsonSchema),
  JsonSchemaDocument.extend({ properties: z.record(z.string(), z.unknown()) }),
  z
    .looseObject({ proposedJsonSchema: JsonSchemaDocument.extend({ properties: z.record(z.string(), z.unknown()) }) })
    .transform((v) => v.proposedJsonSchema),
])

/** Reads a proposed schema from a JSON file into a field list; refuses anything it cannot read exactly. */
export async function readProposalFile(path: string): Promise<FieldDef[]> {
  if (!isAbsolute(path)) throw fileError(`"${path}" is not a full file path.`, 'Choose the file again.')
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) throw fileError(`The file ${path} was not found.`, 'Choose the file again; it may have been moved.')
  if (info.size > MAX_BYTES)
    throw fileError(
      `The file is ${Math.round(info.size / 1024)} KiB; a schema file has at most 5 MiB.`,
      'Choose the JSON file of one schema.',
    )
  const text = await readFile(path, 'utf8').catch(() => {
    throw fileError(
      `The file ${path} could not be read.`,
      'Check that Switchboard may read it, or copy it to your documents folder and choose it again.',
    )
  })
  const json = parseJsonText(text)
  if (!json.ok) {
    throw fileError(
      `The file ${path} is not valid JSON, so it holds no schema Switchboard can read.`,
      'Choose the JSON file of one schema: export it as JSON (GET .../schemas/{id}) or use a file exported by Switchboard.',
    )
  }
  const parsed = ProposalFile.safeParse(json.value)
  if (!parsed.success) {
    throw new AppError({
      code: 'invalid_input',
      message: 'The file holds no schema: expected a DataSchema with jsonSchema.properties, or a jsonSchema with properties.',
      hint: 'Export the schema as JSON (GET .../schemas/{id}) or use a review exported by Switchboard.',
    })
  }
  return parseFields(parsed.data)
}

function fileError(message: string, hint: string): AppError {
  return new AppError({ code: 'file', message, hint })
}
