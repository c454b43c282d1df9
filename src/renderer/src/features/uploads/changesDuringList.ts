/**
 * The cached Uploads list is the last list answer with every event since patched into it. An answer
 * is taken when the core gets the call, but it travels on the call's connection and events on the
 * socket, so it can reach the page after events newer than itself. Set as it came, it would undo
 * them, and a row whose last change it undid would show a stale state until its next change, which
 * for a finished row never comes. So every change that arrives while a list call is out is applied
 * again on top of that call's answer.
 */
import type { UploadsSnapshot } from '../../../../shared/contract/uploads'

export type SnapshotChange = (snapshot: UploadsSnapshot) => UploadsSnapshot

export class ChangesDuringList {
  /** One list per call still out: the changes that arrived since it was made. */
  private readonly out = new Set<SnapshotChange[]>()

  /** Called for every change patched into the cache. */
  note(change: SnapshotChange): void {
    for (const changes of this.out) changes.push(change)
  }

  /** The list answer with the changes that arrived while it was on its way applied on top, in order. */
  async list(fetchList: () => Promise<UploadsSnapshot>): Promise<UploadsSnapshot> {
    const changes: SnapshotChange[] = []
    this.out.add(changes)
    try {
      const answer = await fetchList()
      return changes.reduce((snapshot, change) => change(snapshot), answer)
    } finally {
      this.out.delete(changes)
    }
  }
}
