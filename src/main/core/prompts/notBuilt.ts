import { AppError } from '../../../shared/errors'

// Skeleton only: each part replaces its stubs; this file goes when the last part is built.
export function notBuilt(method: string): never {
  throw new AppError({ code: 'internal', message: `${method} is not built yet.`, hint: 'This part of Prompts is being built.' })
}
