/**
 * Native file dialogs (Electron only): a Browse… button beside each typed folder or file path. The web
 * shell has no dialogs, so it answers `supported: false` and the admin keeps typing the path. A chosen
 * path is only a suggestion for the input: the core checks it like a typed one when it is used.
 * Spread into `methods` in src/shared/api.ts.
 */
import { z } from 'zod'
import { method } from './define'

const Title = z.string().trim().min(1).max(200)
/** Where the dialog opens; ignored unless it is a full path (~ is expanded). */
const DefaultPath = z.string().max(4096).optional()

export const FileFilterSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Without the dot, e.g. "csv"; "*" for all files. */
    extensions: z
      .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,20})$/, 'An extension: letters and digits, without the dot'))
      .min(1)
      .max(20),
  })
  .strict()
export type FileFilter = z.infer<typeof FileFilterSchema>

export const PickFolderSchema = z.object({ title: Title, defaultPath: DefaultPath }).strict()
export type PickFolderRequest = z.input<typeof PickFolderSchema>

export const PickSaveFileSchema = z
  .object({ title: Title, defaultPath: DefaultPath, filters: z.array(FileFilterSchema).max(10).optional() })
  .strict()
export type PickSaveFileRequest = z.input<typeof PickSaveFileSchema>

export interface PickPathResult {
  /** False in the web shell: there is no native dialog, type the path instead. */
  supported: boolean
  /** The chosen path; absent when the admin cancelled (or when unsupported). */
  path?: string
}

export const dialogMethods = {
  'dialogs.pickFolder': method<typeof PickFolderSchema, PickPathResult>(PickFolderSchema),
  'dialogs.pickSaveFile': method<typeof PickSaveFileSchema, PickPathResult>(PickSaveFileSchema),
}
