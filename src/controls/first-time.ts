/**
 * A test that holds the first time it meets a key and never again: a control raises each finding
 * once, however often the evidence for it recurs in later events or scans.
 */
export function firstTime(): (key: string) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
