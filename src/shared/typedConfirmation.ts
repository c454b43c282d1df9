/**
 * The rule for every "type X to confirm" (destructive schema changes, privacy deletes), shared by the
 * screens that enable the button and the core that refuses to send: exactly X, case included; only
 * spaces around it are forgiven.
 */
export function typedConfirmationMatches(typed: string | undefined, expected: string): boolean {
  return typed !== undefined && expected !== '' && typed.trim() === expected
}
