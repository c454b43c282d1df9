/** The four colours of a status dot; always shown beside words. */
export type DotTone = 'ok' | 'busy' | 'bad' | 'idle'
