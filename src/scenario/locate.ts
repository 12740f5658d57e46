import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

/**
 * Finds where a path points in the YAML tree: the value node (or, with `on: 'key'`, the key node of
 * the last segment). A path that leaves the tree (a missing key, an index past the end) resolves
 * to the deepest node that exists, so a missing field points at the mapping that lacks it.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
  on?: 'key',
): Position {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      if (last && on === 'key') {
        offset = startOf(pair.key) ?? offset;
        break;
      }
      next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const start = startOf(next);
    if (start === undefined) break;
    node = next;
    offset = start;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as Node).range;
  return range ? range[0] : undefined;
}
