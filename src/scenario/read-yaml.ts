import { type Document, isAlias, isMap, isPair, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Problem } from './problem.ts';

/** Deeper than any real scenario or target (they nest about 6 levels); far below a stack overflow. */
export const MAX_YAML_DEPTH = 64;
/** Aliases a file may use: a handful is convenience, hundreds is an expansion bomb. */
export const MAX_YAML_ALIASES = 50;

export type ReadYaml =
  | { ok: true; doc: Document; lineCounter: LineCounter; raw: unknown }
  | { ok: false; problems: Problem[] };

/**
 * Parses YAML that a user handed us without trusting it: non-text input, syntax errors, aliases that
 * resolve to nothing or multiply into a bomb, and nesting deep enough to exhaust the stack all
 * become located problems, never a crash or a hang.
 */
export function readYaml(text: string, file: string): ReadYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => lineCounter.linePos(Math.max(0, offset));
  const problem = (offset: number, code: Problem['code'], message: string): Problem => ({
    file,
    ...at(offset),
    path: '',
    code,
    message,
  });
  const binary = firstNonText(text);
  if (binary !== undefined) {
    lineCounter.addNewLine(0);
    for (const match of text.slice(0, binary).matchAll(/\n/g)) lineCounter.addNewLine(match.index + 1);
    return {
      ok: false,
      problems: [problem(binary, 'not-text', 'not a text file (binary or garbled bytes); give a YAML file')],
    };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) =>
        error.code === 'RESOURCE_EXHAUSTION'
          ? problem(error.pos[0], 'yaml-limit', `nested too deeply (more than ${MAX_YAML_DEPTH} levels)`)
          : problem(error.pos[0], 'yaml-syntax', error.message),
      ),
    };
  }
  const found = checkTree(doc);
  if (found.problem) {
    const { offset, code, message } = found.problem;
    return { ok: false, problems: [problem(offset, code, message)] };
  }
  const limit = found.firstAlias;
  try {
    return { ok: true, doc, lineCounter, raw: doc.toJS({ maxAliasCount: EXPANDED_ALIAS_LIMIT }) };
  } catch {
    // Few aliases can still expand exponentially (each one repeating the one before).
    return {
      ok: false,
      problems: [problem(limit ?? 0, 'yaml-limit', 'aliases expand to too much data (an alias bomb)')],
    };
  }
}

/** yaml's own guard against exponential expansion, counted over expanded nodes. */
const EXPANDED_ALIAS_LIMIT = 100;

/**
 * Walks the tree without recursion (it may be thousands deep): depth, alias count and unresolved
 * aliases. With both limits held, expanding aliases stays small, so `toJS` is safe afterwards.
 */
function checkTree(doc: Document): {
  problem?: { offset: number; code: Problem['code']; message: string };
  firstAlias?: number;
} {
  const anchors = new Set<string>();
  let aliases = 0;
  let firstAlias: number | undefined;
  // An anchor counts once its node is complete: an alias inside its own anchor would be a cycle.
  const stack: Array<{ node: unknown; depth: number; closes?: string }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth, closes } = stack.pop()!;
    if (closes !== undefined) anchors.add(closes);
    if (node === null || typeof node !== 'object') continue;
    const offset = (node as { range?: [number] }).range?.[0] ?? 0;
    const fail = (code: Problem['code'], message: string) => ({ problem: { offset, code, message } });
    if (depth > MAX_YAML_DEPTH)
      return fail('yaml-limit', `nested too deeply (more than ${MAX_YAML_DEPTH} levels)`);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) stack.push({ node: null, depth, closes: anchor });
    if (isAlias(node)) {
      aliases += 1;
      firstAlias ??= offset;
      if (aliases > MAX_YAML_ALIASES)
        return fail('yaml-limit', `more than ${MAX_YAML_ALIASES} aliases (*name)`);
      if (!anchors.has(node.source)) {
        return fail('yaml-syntax', `alias *${node.source} has no complete anchor &${node.source} before it`);
      }
    } else if (isPair(node)) {
      // Value first on the stack so the key (which comes first in the text) is visited first.
      stack.push({ node: node.value, depth }, { node: node.key, depth });
    } else if (isMap(node) || isSeq(node)) {
      for (const item of [...node.items].reverse()) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return { firstAlias };
}

/**
 * Where the text stops looking like text: a NUL, or replacement characters (bytes that were not
 * UTF-8) or control characters making up more than 1 in 100 characters of the first 64 KiB.
 */
function firstNonText(text: string): number | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return nul;
  const sample = Math.min(text.length, 65_536);
  let odd = 0;
  let first: number | undefined;
  for (let index = 0; index < sample; index += 1) {
    if (!isOdd(text.charCodeAt(index))) continue;
    odd += 1;
    first ??= index;
  }
  return odd * 100 > sample ? first : undefined;
}

/** A replacement character (a byte that was not UTF-8) or a control character text never holds. */
function isOdd(code: number): boolean {
  if (code === 0xfffd || code === 0x7f) return true;
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}
