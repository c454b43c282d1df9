import type { ProfileView } from '../../shared/api'
import type { ActionContext } from '../actionContext'

/**
 * Before any work on the org: sign in and read the org once (the app's "Test connection", audited the
 * same way), so a wrong secret or no network ends the run with exit 3 before anything is queued.
 */
export async function connect(ctx: ActionContext): Promise<ProfileView & { orgName: string }> {
  const profile = await ctx.session.useProfile()
  const tested = await ctx.session.call('profiles.test', { id: profile.id })
  return { ...profile, orgName: tested.orgName }
}
