/** The mark on an entry read from an archived segment: an archive-box icon and the word, the file in the tooltip. */
export function ArchivedMark({ archive }: { archive: string }) {
  return (
    <span className="audit-archived" title={`From the archived segment archive/${archive}`}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" className="audit-archived-icon">
        <rect x="1.5" y="2.5" width="13" height="3" rx="0.5" fill="none" stroke="currentColor" />
        <path d="M2.5 5.5v7a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-7M6.5 8.5h3" fill="none" stroke="currentColor" strokeLinecap="round" />
      </svg>
      Archived
    </span>
  )
}
