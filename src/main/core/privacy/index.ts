import { privacyMethods, type PrivacyImportState, type PrivacyListResult } from '../../../shared/contract/privacy'
import { AppError } from '../../../shared/errors'
import { auditFailure, scopeOfOrigin } from '../audit'
import { defineWorkflow, type WorkflowHandlers } from '../kit'
import { getGdprRequest, resultUrlsOf, searchGdprSubjects } from './gdprApi'
import { importFromOrg } from './importFromOrg'
import { auditPrivacy, requestTarget } from './privacyAudit'
import { readPollSchedule } from './pollSchedule'
import { trackedFrom } from './remoteRequest'
import { RequestStore } from './requestStore'
import { RequestTracker } from './requestTracker'
import { byNewest, toRequestView } from './requestView'
import { checkResultsFolder, defaultResultsFolder } from './resultsFolder'
import { saveResultFiles } from './saveResults'
import { matchKinds, identifierKinds } from './subjectKinds'
import { submitGdprRequest } from './submitRequest'
import type { TrackedRequest } from './trackedRequest'
import { createTrackingJobKind } from './trackingJob'
import { validatePrivacyRequest } from './validateRequest'

export { maxChecksToSee, pollDelayMs, DEFAULT_POLL_SCHEDULE, POLL_SCHEDULE_SETTING, type PollSchedule } from './pollSchedule'
export { validatePrivacyRequest } from './validateRequest'

/** How many saves a request remembers (the card lists them). */
const SAVES_KEPT = 10

/**
 * Privacy requests against the GDPR API: search subjects, submit (validated, never sent twice), track
 * for days (persisted, resumed on start, requests made elsewhere imported), save and verify results.
 */
export const privacyWorkflow = defineWorkflow(privacyMethods, (services) => {
  const schedule = readPollSchedule(services.settings)
  const shutdown = new AbortController()
  let store: RequestStore
  let tracker: RequestTracker
  let lastImport: PrivacyImportState | undefined
  let importing: Promise<PrivacyImportState> | undefined

  const requireRequest = (id: string): TrackedRequest => {
    const request = store.get(id)
    if (!request)
      throw new AppError({
        code: 'not_found',
        message: `No tracked privacy request ${id}.`,
        hint: 'It may have been removed from the list; choose Refresh from org to find it again.',
      })
    return request
  }

  const listResult = (): PrivacyListResult => ({
    requests: store.list().map(toRequestView).sort(byNewest),
    defaultResultsFolder: defaultResultsFolder(services.dataDir),
    ...(lastImport ? { lastImport } : {}),
    ...(store.problem ? { storeProblem: store.problem } : {}),
  })

  const runImport = (): Promise<PrivacyImportState> => {
    importing ??= importFromOrg(services, store, tracker, shutdown.signal)
      .then((state) => (lastImport = state))
      .finally(() => (importing = undefined))
    return importing
  }

  const handlers: WorkflowHandlers<typeof privacyMethods> = {
    'privacy.searchSubjects': async ({ searchType, searchValue }) => {
      const profileId = services.profiles.activeId()
      const { client } = services.connections.clientFor(profileId)
      const { profile: profileName, org: orgName } = await services.scope(profileId)
      const scope = { profileName, orgName }
      try {
        const found = await searchGdprSubjects(client, searchType, searchValue)
        auditPrivacy(
          services.audit,
          scope,
          'privacy.search',
          'gdpr/subjects',
          'ok',
          { searchType, matches: found.data.length },
          found.correlationId,
        )
        return { searchType, matches: found.data.map((subject) => ({ subject, kinds: matchKinds(subject) })) }
      } catch (error) {
        throw auditFailure(services.audit, scopeOfOrigin(scope), 'privacy.search', 'gdpr/subjects', { searchType }, error)
      } finally {
        await services.audit.flush()
      }
    },

    'privacy.submit': async (input) => {
      const validated = validatePrivacyRequest(input)
      const profileId = services.profiles.activeId()
      const { client } = services.connections.clientFor(profileId)
      const { profile: profileName, org: orgName } = await services.scope(profileId)
      const origin = { profileId, profileName, orgName, source: 'switchboard' as const }
      const detail = {
        requestType: validated.body.requestType,
        identifierKinds: identifierKinds(validated.body.subject).join(','),
        deleteConfirmed: validated.deleteConfirmed,
      }
      try {
        const outcome = await submitGdprRequest(client, validated, new Set(store.list().map((r) => r.id)), services.now, shutdown.signal)
        const request = trackedFrom(outcome.request, origin, services.now())
        store.put(request)
        auditPrivacy(
          services.audit,
          origin,
          'privacy.submit',
          requestTarget(request.id),
          'ok',
          { ...detail, status: request.status, foundAfterFailure: outcome.foundAfterFailure },
          outcome.correlationId,
        )
        const following = tracker.follow(request)
        // The request as submitted: its first check may run before the job is journalled.
        const submitted = structuredClone(toRequestView(request))
        await following
        await store.save()
        tracker.emitChanged(request)
        return { request: submitted, foundAfterFailure: outcome.foundAfterFailure }
      } catch (error) {
        throw auditFailure(services.audit, scopeOfOrigin(origin), 'privacy.submit', 'gdpr/requests', detail, error)
      } finally {
        await services.audit.flush()
      }
    },

    'privacy.list': async () => listResult(),

    'privacy.checkNow': async ({ id }) => {
      requireRequest(id)
      await tracker.checkNow(id)
      return toRequestView(requireRequest(id))
    },

    'privacy.refreshFromOrg': async () => {
      await runImport()
      return listResult()
    },

    'privacy.checkFolder': async ({ folder }) => ({ folder: await checkResultsFolder(folder, services.dataDir) }),

    'privacy.saveResults': async ({ id, folder, csv }) => {
      const request = requireRequest(id)
      if (request.requestType !== 'GDPR_EXPORT' || request.status !== 'COMPLETED') {
        throw new AppError({
          code: 'conflict',
          message: `Only a completed export has results; this is a ${request.requestType} in ${request.status}.`,
          hint: 'Wait for the export to complete, then save its results.',
        })
      }
      const target = await checkResultsFolder(folder, services.dataDir)
      const { client, links } = services.connections.clientFor(request.profileId)
      // Links expire: ask for fresh ones right before downloading.
      const fresh = await getGdprRequest(client, id, shutdown.signal)
      const urls = resultUrlsOf(fresh.data)
      if (urls.length === 0) {
        throw new AppError({
          code: 'not_found',
          message: 'Genesys Cloud gave no result links for this export.',
          hint: 'Results of old exports may have been removed; submit a new export for this subject.',
        })
      }
      const saved = await saveResultFiles(
        { requestId: id, urls, folder: target, csv, links, dataDir: services.dataDir },
        {
          now: services.now,
          signal: shutdown.signal,
          audit: (action, outcome, detail) => auditPrivacy(services.audit, request, action, requestTarget(id), outcome, detail),
        },
      )
      request.saved = [...request.saved, saved].slice(-SAVES_KEPT)
      await store.save()
      await services.audit.flush()
      tracker.emitChanged(request)
      return saved
    },

    'privacy.forget': async ({ id }) => {
      const request = requireRequest(id)
      store.forget(id)
      await store.save()
      auditPrivacy(services.audit, request, 'privacy.forget', requestTarget(id), 'ok', {
        requestType: request.requestType,
        status: request.status,
      })
      await services.audit.flush()
      await tracker.unfollow(id)
      return { removed: id }
    },
  }

  return {
    handlers,
    jobKinds: [createTrackingJobKind((job, ctx) => tracker.runScheduledCheck(job, ctx))],
    async start() {
      store = await RequestStore.open(services.dataDir, services.now)
      tracker = new RequestTracker(services, store, schedule)
      await tracker.start()
      // In the background: start must not wait for the network.
      void runImport()
    },
    async close() {
      shutdown.abort()
      await importing?.catch(() => undefined)
      await tracker.close()
      await store.save()
    },
  }
})
