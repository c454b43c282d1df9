import { z } from 'zod'
import type { RemoteArchiveSettings, RemoteArchiveSettingsInput } from '../../../../shared/contract/flows'
import { AppError } from '../../../../shared/errors'
import type { SettingsSlice, WorkflowSecrets } from '../../kit'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import { checkRemoteUrl, linkRuleFor } from './remoteUrl'

export const REMOTE_SETTINGS_KEY = 'flowsRemote'
export const RemoteSettingsSchema = z.object({ enabled: z.boolean(), url: z.string().max(2000) }).strict()
export type RemoteSettings = z.infer<typeof RemoteSettingsSchema>
export const REMOTE_SETTINGS_DEFAULTS: RemoteSettings = { enabled: false, url: '' }

const TOKEN_SECRET = 'remoteArchiveToken'
/** The token is sealed with the origin it was entered for: it is only ever sent there. */
const BoundToken = z.object({ origin: z.string().min(1), token: z.string().min(1) }).strict()
type BoundToken = z.infer<typeof BoundToken>

/** Where a copy goes now: the checked address, what outboundHttp may follow, and the token for that origin. */
export interface RemoteTarget {
  url: URL
  links: OutboundUrlRule
  token?: string
}

/** What a settings change did to the token, for the audit log (never the token itself). */
export type TokenChange = 'kept' | 'set' | 'removed' | 'none'

/** The remote archive's settings (address, on or off) and its token, sealed and bound to the address's origin. */
export class RemoteArchiveConfig {
  constructor(
    private readonly slice: SettingsSlice<RemoteSettings>,
    private readonly secrets: WorkflowSecrets,
  ) {}

  view(): RemoteArchiveSettings {
    const { enabled, url } = this.slice.get()
    const origin = originOf(url)
    return { enabled, url, hasToken: origin !== undefined && this.readableToken()?.origin === origin }
  }

  /**
   * Stores the settings. A new token is bound to the new address; a kept token must belong to it: when
   * the address moves to another origin the admin enters the token again or clears it (refused otherwise),
   * so a token is never sent somewhere it was not entered for. Emptying the address forgets the token.
   */
  set(input: RemoteArchiveSettingsInput): { settings: RemoteArchiveSettings; tokenChange: TokenChange; url?: URL } {
    const text = input.url.trim()
    if (input.enabled && text === '')
      throw fieldError('url', 'Enter the address of the remote archive to turn it on.', 'For example https://archive.example.com/flows.')
    const url = text === '' ? undefined : checkRemoteUrl(text)
    // An unreadable token counts as none here: entering a new one is how the admin repairs it.
    const stored = this.readableToken()
    let tokenChange: TokenChange = stored ? 'kept' : 'none'
    if (input.token !== undefined && input.token !== '' && !url)
      throw fieldError('token', 'A token needs the address it is for.', 'Enter the address first, then the token.')
    if (input.token === undefined && stored && url && stored.origin !== url.origin)
      throw fieldError(
        'token',
        `The stored token was entered for ${stored.origin}, and it is never sent to another address (${url.origin}).`,
        'Enter the token for the new address, or clear the token field to store none.',
      )
    const settings = this.slice.set({ enabled: input.enabled, url: url?.href ?? '' })
    if (input.token) {
      this.secrets.seal(TOKEN_SECRET, JSON.stringify({ origin: (url as URL).origin, token: input.token } satisfies BoundToken))
      tokenChange = 'set'
    } else if (this.secrets.has(TOKEN_SECRET) && (input.token === '' || !url)) {
      this.secrets.remove(TOKEN_SECRET)
      tokenChange = 'removed'
    }
    return { settings: { ...settings, hasToken: this.view().hasToken }, tokenChange, ...(url ? { url } : {}) }
  }

  /** Where to send now; refuses when the remote archive is off or unset, or its token belongs to another origin. */
  target(): RemoteTarget {
    const { enabled, url: text } = this.slice.get()
    if (!enabled || text === '')
      throw new AppError({
        code: 'conflict',
        message: 'No remote archive is turned on, so there is nowhere to send the copy.',
        hint: 'Set the remote archive address in the Flow archive settings and turn it on, then send again.',
      })
    const url = checkRemoteUrl(text)
    const stored = this.storedToken()
    if (stored && stored.origin !== url.origin)
      throw new AppError({
        code: 'secret_not_bound',
        message: `The remote archive's token was entered for ${stored.origin}; it is not sent to ${url.origin}.`,
        hint: 'Enter the token again in the remote archive settings (or clear it), then send again.',
      })
    return { url, links: linkRuleFor(url), ...(stored ? { token: stored.token } : {}) }
  }

  private readableToken(): BoundToken | undefined {
    try {
      return this.storedToken()
    } catch {
      return undefined
    }
  }

  private storedToken(): BoundToken | undefined {
    const plain = this.secrets.open(TOKEN_SECRET)
    if (plain === undefined) return undefined
    let json: unknown
    try {
      json = JSON.parse(plain)
    } catch {
      json = undefined
    }
    const parsed = BoundToken.safeParse(json)
    if (!parsed.success)
      throw new AppError({
        code: 'settings',
        message: 'The stored remote archive token cannot be read.',
        hint: 'Enter the token again in the remote archive settings.',
      })
    return parsed.data
  }
}

function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

function fieldError(fieldName: string, message: string, hint: string): AppError {
  return new AppError({ code: 'invalid_input', message, hint, details: [{ fieldName, errorCode: 'invalid.value' }] })
}
