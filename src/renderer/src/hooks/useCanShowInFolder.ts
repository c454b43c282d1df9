import { useAppInfo } from './useAppInfo'

/** Whether the shell can open the OS file manager; false until app.info has said so (never in the web shell). */
export function useCanShowInFolder(): boolean {
  return useAppInfo().data?.canShowInFolder === true
}
