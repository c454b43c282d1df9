import type { UploadSettings } from '../../../shared/contract/uploads'

/** Settings key of the upload rules (size limit, allowed types, concurrency). */
export const UPLOAD_SETTINGS_KEY = 'uploads'

/** Each allowed type once, in the order the admin gave them. */
export const withUniqueTypes = (settings: UploadSettings): UploadSettings => ({
  ...settings,
  allowedTypes: [...new Set(settings.allowedTypes)],
})
