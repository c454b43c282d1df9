/**
 * Numbers the views of archive runs and exports the core hands out (ArchiveView.revision,
 * ExportView.revision). Each view is built from the state at that moment, so a view numbered higher is
 * never older: a screen keeps the higher one whether the answer to a call or a change signal came last.
 * The count starts from the clock (in microseconds) so a core started again numbers above the one before
 * it, for a screen that lived through the restart.
 */
let last = Date.now() * 1000

export function nextViewRevision(): number {
  last = Math.max(last + 1, Date.now() * 1000)
  return last
}
