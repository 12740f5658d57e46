import type { ArtifactEntry, LedgerEntry } from '../evidence/entries.ts';
import { markdownCell } from '../report/markdown.ts';

/** A file a browser inject left and the ledger pinned, as the AAR shows it beside that inject's verdicts. */
export type AarArtifact = Pick<ArtifactEntry, 'injectId' | 'label' | 'file' | 'sha256' | 'mediaType'>;

/** The artifact entries of a ledger, in the order they were pinned. */
export function aarArtifacts(entries: readonly LedgerEntry[]): AarArtifact[] {
  return entries.flatMap((entry) => {
    if (entry.kind !== 'artifact') return [];
    const { injectId, label, file, sha256, mediaType } = entry;
    return [{ injectId, label, file, sha256, mediaType }];
  });
}

/**
 * The inject's browser evidence as a nested list: a screenshot as an image (the HTML page shows it
 * as a thumbnail linking to the full file), anything else (a HAR) as a link, each with its hash so
 * the reader can match it to the ledger.
 */
export function injectEvidenceLines(injectId: string, artifacts: readonly AarArtifact[]): string[] {
  const own = artifacts.filter((artifact) => artifact.injectId === injectId);
  if (own.length === 0) return [];
  return [
    `- **Browser evidence:** ${own.length} file${own.length === 1 ? '' : 's'} pinned in the ledger`,
    ...own.map((artifact) => {
      const label = markdownCell(artifact.label).replace(/[[\]]/g, '');
      const shown = artifact.mediaType.startsWith('image/')
        ? `![${label}](${artifact.file}) ${label}`
        : `${label}: [${artifact.file}](${artifact.file})`;
      return `  - ${shown} — ${artifact.mediaType}, sha256 \`${artifact.sha256.slice(0, 16)}…\``;
    }),
  ];
}
