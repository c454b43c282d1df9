/** How much one verify or compare reads at most: an archive folder is the admin's, but it may hold anything. */
export const ARCHIVE_LIMITS = {
  /** A manifest lists one flow's versions (10,000 at most): a few MB. */
  maxManifestBytes: 16 * 1024 * 1024,
  /** Manifests are one a flow. */
  maxManifests: 20_000,
  /** Entries of configurations/ (and of manifests/) read before giving up. */
  maxFolderEntries: 500_000,
  /** A configuration is tens of KB; a file far larger is reported without being hashed. */
  maxHashedFileBytes: 256 * 1024 * 1024,
  /** Files hashed at once. */
  hashConcurrency: 4,
  /** Problems listed in a report; problemCounts still counts all. */
  maxListedProblems: 1000,
} as const
