import type { Handlers, MethodName } from '../../../shared/api'
import type { Workflow, WorkflowServices } from '../workflow'

/** A contract file's methods object (e.g. uploadMethods): method name -> { input, result }. */
export type ContractMethods = { readonly [name: string]: { input: unknown; result: unknown } }

/** Exactly one handler per method of the contract file, typed by the contract. */
export type WorkflowHandlers<M extends ContractMethods> = { [K in keyof M]: K extends MethodName ? Handlers[K] : never }

/** What a workflow's factory returns: its handlers (complete), job kinds, start and close. */
export interface WorkflowParts<M extends ContractMethods> extends Omit<Workflow, 'handlers'> {
  handlers: WorkflowHandlers<M>
}

/** A handler for a method outside the contract file is a type error too (it would shadow or leak). */
type NoExtraHandlers<P extends { handlers: object }, M> = { handlers: Record<Exclude<keyof P['handlers'], keyof M>, never> }

/** What createCore runs: the workflow's methods (for the coverage check) and its factory. */
export interface DefinedWorkflow<M extends ContractMethods = ContractMethods> {
  /** The workflow's name: the common prefix of its methods ("uploads" for uploads.*); keys its secrets. */
  readonly area: string
  readonly methods: M
  create(services: WorkflowServices): Promise<Workflow>
}

/**
 * Declares a workflow over its contract file: `factory` must return a handler for every method in
 * `methods` and for nothing else, or `npm run typecheck` fails (not the start of the app).
 */
export function defineWorkflow<M extends ContractMethods, P extends WorkflowParts<M>>(
  methods: M,
  factory: (services: WorkflowServices) => (P & NoExtraHandlers<P, M>) | Promise<P & NoExtraHandlers<P, M>>,
): DefinedWorkflow<M> {
  const area = areaOf(Object.keys(methods))
  return {
    area,
    methods,
    create: async (services) => {
      const parts = await factory(services)
      return { ...parts, handlers: parts.handlers as Partial<Handlers> }
    },
  }
}

/** "uploads" for uploads.start, uploads.settings.get, ...; one workflow has one prefix. */
export function areaOf(names: string[]): string {
  const areas = new Set(names.map((name) => name.split('.', 1)[0]))
  if (areas.size !== 1) throw new Error(`A workflow's methods share one prefix; found ${[...areas].join(', ') || 'none'}.`)
  return [...areas][0]
}
