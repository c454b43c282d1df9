/**
 * When to ask whether a resource is transcoded. The first look comes after a delay that usually covers
 * transcoding (a prompt is seconds of audio), so most uploads need a single look; then the looks back
 * off. The whole wait is capped: a resource still not transcoded by then fails with a hint.
 */

/** Covers transcoding of a typical prompt; longer files get a little more. */
export function firstPollDelayMs(sizeBytes: number): number {
  return 1_000 + Math.min(9_000, Math.floor(sizeBytes / 5_000_000) * 1_000)
}

/** The wait after the n-th look (n from 1) that found it not done yet. */
export function nextPollDelayMs(polls: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, polls - 1))
}

/** From the upload accepted to giving up. */
export const MAX_TRANSCODE_WAIT_MS = 10 * 60_000
