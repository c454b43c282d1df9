export function recordingTarget(item: { conversationId: string; recordingId: string }): string {
  return `conversations/${item.conversationId}/recordings/${item.recordingId}`
}

/** host and path of a link: what the audit log may keep of it. */
export function linkWithoutQuery(url: string): { host: string; path: string } {
  try {
    const parsed = new URL(url)
    return { host: parsed.host, path: parsed.pathname }
  } catch {
    return { host: '', path: '' }
  }
}
