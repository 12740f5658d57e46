/** The build's entries and folder when every source it was made from is unchanged; else undefined. */
export function freshBuild(
  root?: URL,
  outdir?: string,
): { entries: Record<string, string>; folder: URL } | undefined;

/** Imports a CLI entry (`main`, `drill-worker`) from a fresh build, else from source through tsx. */
export function loadEntry(name: 'main' | 'drill-worker'): Promise<Record<string, unknown>>;
