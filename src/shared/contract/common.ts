import { z } from 'zod'

/** The input of a method that takes nothing. */
export const Empty = z.object({}).strict()

/** The input of a method that takes one thing by its id (a profile, a job, a privacy request). */
export const Id = z.object({ id: z.string().min(1).max(200) }).strict()
