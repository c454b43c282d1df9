/**
 * Which process runs a job: the app and the command line share one job journal, and a queued or
 * running job belongs to the process that queued it (pid + this run's id, so a reused pid is not
 * mistaken for the owner). Another process leaves it alone while that process is alive, and treats
 * it as interrupted (resumable) once it is gone.
 */
import { randomUUID } from 'node:crypto'
import type { StoredJob } from './jobTypes'

export interface JobOwner {
  pid: number
  run: string
}

const RUN_ID = randomUUID()

export function ownerHere(): JobOwner {
  return { pid: process.pid, run: RUN_ID }
}

export function isOwnedHere(job: StoredJob): boolean {
  return job.owner?.run === RUN_ID
}

/** Queued or running in another process that is still alive. */
export function isOwnedElsewhere(job: StoredJob): boolean {
  if (!job.owner || job.owner.run === RUN_ID) return false
  if (job.state !== 'queued' && job.state !== 'running') return false
  return isAlive(job.owner.pid)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Queued or running in another process that is gone (killed, crashed): interrupted, resumable here. */
export function isOrphaned(job: StoredJob): boolean {
  if (!job.owner || job.owner.run === RUN_ID) return false
  if (job.state !== 'queued' && job.state !== 'running') return false
  return !isAlive(job.owner.pid)
}
