export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE';

/** A query error located in the query text, worded the way Salesforce words it. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: SoqlErrorCode,
    readonly detail: string,
    readonly position: number,
    readonly query: string,
  ) {
    const { row, column } = rowColumn(query, position);
    super(`ERROR at Row:${row}:Column:${column}\n${detail}`);
    this.name = 'SoqlError';
  }
}

export function rowColumn(text: string, position: number): { row: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { row: before.length, column: before[before.length - 1]!.length + 1 };
}

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Unescaped value for strings; the text otherwise. */
  value: string;
  pos: number;
  /** For strings: the value as a LIKE pattern (regex source), where only unescaped `%`/`_` are wildcards. */
  like?: string;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2}))?/;
const NUMBER = /^-?\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const OPS = ['<=', '>=', '!=', '<>', '=', '<', '>'];

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < query.length) {
    const ch = query[pos]!;
    if (/\s/.test(ch)) {
      pos += 1;
      continue;
    }
    const rest = query.slice(pos);
    const date = DATE.exec(rest);
    if (date) {
      const kind = date[1] ? 'datetime' : 'date';
      tokens.push({ kind, text: date[0], value: date[0], pos });
      pos += date[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: number[0], pos });
      pos += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], value: ident[0], pos });
      pos += ident[0].length;
      continue;
    }
    if (ch === "'") {
      const token = readString(query, pos);
      tokens.push(token);
      pos += token.text.length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, pos });
      pos += op.length;
      continue;
    }
    if ('(),:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: ch, pos });
      pos += 1;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${ch}'`, pos, query);
  }
  tokens.push({ kind: 'eof', text: '', value: '', pos: query.length });
  return tokens;
}

const regexEscape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a quoted literal, keeping apart `\%`/`\_` (literal characters) and `%`/`_` (LIKE wildcards). */
function readString(query: string, start: number): Token {
  let value = '';
  let like = '';
  let pos = start + 1;
  while (pos < query.length) {
    const ch = query[pos]!;
    if (ch === "'") {
      return { kind: 'string', text: query.slice(start, pos + 1), value, pos: start, like };
    }
    if (ch === '\\') {
      const next = query[pos + 1];
      if (next === '%' || next === '_') {
        value += next;
        like += next;
      } else if (next !== undefined && ESCAPES[next.toLowerCase()] !== undefined) {
        value += ESCAPES[next.toLowerCase()];
        like += regexEscape(ESCAPES[next.toLowerCase()]!);
      } else {
        throw new SoqlError('MALFORMED_QUERY', 'Invalid string literal: invalid escape sequence', pos, query);
      }
      pos += 2;
      continue;
    }
    value += ch;
    like += ch === '%' ? '.*' : ch === '_' ? '.' : regexEscape(ch);
    pos += 1;
  }
  throw new SoqlError('MALFORMED_QUERY', 'Invalid string literal: unterminated quote', start, query);
}
