import { SoqlError, type Token, tokenize } from './lexer.ts';

export type RelativeDate = 'TODAY' | 'YESTERDAY' | 'TOMORROW' | 'LAST_N_DAYS' | 'NEXT_N_DAYS';

export type Literal =
  | { kind: 'string'; value: string; like: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'date'; value: string; pos: number }
  | { kind: 'datetime'; value: number; pos: number }
  | { kind: 'relative'; name: RelativeDate; days: number; pos: number };

export interface FieldRef {
  name: string;
  pos: number;
}

export type ComparisonOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: FieldRef; op: ComparisonOp; value: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: FieldRef; pattern: Literal & { kind: 'string' } };

export interface OrderItem {
  field: FieldRef;
  descending: boolean;
  nullsFirst: boolean;
}

/** A child-relationship subquery in the select list: `(SELECT Id FROM Contacts)`. */
export interface Subquery {
  query: SoqlQuery;
  pos: number;
}

export interface SoqlQuery {
  text: string;
  /** Empty for `SELECT COUNT()`. Relationship paths (`Account.Name`) are one name with dots. */
  fields: FieldRef[];
  /** Child-relationship subqueries, whose FROM names a relationship (`Contacts`), not an object. */
  subqueries: Subquery[];
  count: boolean;
  from: FieldRef;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
]);
const RELATIVE: Record<string, { name: RelativeDate; n: boolean }> = {
  TODAY: { name: 'TODAY', n: false },
  YESTERDAY: { name: 'YESTERDAY', n: false },
  TOMORROW: { name: 'TOMORROW', n: false },
  LAST_N_DAYS: { name: 'LAST_N_DAYS', n: true },
  NEXT_N_DAYS: { name: 'NEXT_N_DAYS', n: true },
};

/** Recursive-descent parser for the SOQL subset the simulated org serves. */
export function parseSoql(text: string): SoqlQuery {
  return new Parser(text).query();
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(readonly text: string) {
    this.#tokens = tokenize(text);
  }

  query(): SoqlQuery {
    const query = this.#body(0);
    if (this.#peek().kind !== 'eof') this.#unexpected();
    return query;
  }

  /** SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]; `depth` 1 inside a child subquery. */
  #body(depth: number): SoqlQuery {
    this.#keyword('SELECT');
    const { fields, count, subqueries } = this.#selectList(depth);
    this.#keyword('FROM');
    const from = this.#name(depth === 0 ? 'an object name' : 'a child relationship name');
    const query: SoqlQuery = { text: this.text, fields, subqueries, count, from, orderBy: [] };
    if (this.#acceptKeyword('WHERE')) query.where = this.#or();
    if (this.#acceptKeyword('ORDER')) {
      this.#keyword('BY');
      query.orderBy = this.#orderList();
    }
    if (this.#acceptKeyword('LIMIT')) query.limit = this.#integer();
    if (this.#acceptKeyword('OFFSET')) query.offset = this.#integer();
    return query;
  }

  #selectList(depth: number): { fields: FieldRef[]; count: boolean; subqueries: Subquery[] } {
    if (this.#isKeyword('COUNT') && this.#peek(1).text === '(') {
      this.#next();
      this.#next();
      if (this.#peek().text !== ')') {
        throw this.#error(this.#peek(), 'only COUNT() without a field is supported');
      }
      this.#next();
      return { fields: [], count: true, subqueries: [] };
    }
    const fields: FieldRef[] = [];
    const subqueries: Subquery[] = [];
    do {
      const open = this.#peek();
      if (this.#accept('(')) {
        if (depth > 0) {
          throw this.#error(
            open,
            'SOQL statements cannot query aggregate relationships more than 1 level away from the root entity object.',
          );
        }
        const query = this.#body(depth + 1);
        this.#expect(')');
        subqueries.push({ query, pos: open.pos });
      } else {
        fields.push(this.#name('a field name'));
      }
    } while (this.#accept(','));
    return { fields, count: false, subqueries };
  }

  #orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.#name('a field name');
      let descending = false;
      if (this.#acceptKeyword('DESC')) descending = true;
      else this.#acceptKeyword('ASC');
      let nullsFirst = !descending;
      if (this.#acceptKeyword('NULLS')) {
        if (this.#acceptKeyword('FIRST')) nullsFirst = true;
        else if (this.#acceptKeyword('LAST')) nullsFirst = false;
        else this.#unexpected();
      }
      items.push({ field, descending, nullsFirst });
    } while (this.#accept(','));
    return items;
  }

  #or(): Condition {
    let left = this.#and();
    while (this.#acceptKeyword('OR')) left = { kind: 'or', left, right: this.#and() };
    return left;
  }

  #and(): Condition {
    let left = this.#not();
    while (this.#acceptKeyword('AND')) left = { kind: 'and', left, right: this.#not() };
    return left;
  }

  #not(): Condition {
    if (this.#acceptKeyword('NOT')) return { kind: 'not', operand: this.#not() };
    if (this.#accept('(')) {
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    return this.#predicate();
  }

  #predicate(): Condition {
    const field = this.#name('a field name');
    const token = this.#peek();
    if (token.kind === 'op') {
      this.#next();
      const op = (token.text === '<>' ? '!=' : token.text) as ComparisonOp;
      return { kind: 'compare', field, op, value: this.#literal() };
    }
    if (this.#acceptKeyword('LIKE')) {
      const pattern = this.#literal();
      if (pattern.kind !== 'string')
        throw this.#error(this.#tokens[this.#at - 1]!, 'LIKE needs a string pattern');
      return { kind: 'like', field, pattern };
    }
    const negated = this.#acceptKeyword('NOT');
    if (this.#acceptKeyword('IN')) {
      this.#expect('(');
      const values = [this.#literal()];
      while (this.#accept(',')) values.push(this.#literal());
      this.#expect(')');
      return { kind: 'in', field, negated, values };
    }
    return this.#unexpected();
  }

  #literal(): Literal {
    const token = this.#next();
    const pos = token.pos;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value, like: token.like ?? '', pos };
      case 'number':
        return { kind: 'number', value: Number(token.text), pos };
      case 'date':
        return { kind: 'date', value: token.text, pos };
      case 'datetime': {
        const time = Date.parse(token.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (Number.isNaN(time)) throw this.#error(token, `invalid datetime: ${token.text}`);
        return { kind: 'datetime', value: time, pos };
      }
      case 'ident': {
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', pos };
        if (upper === 'NULL') return { kind: 'null', pos };
        const relative = RELATIVE[upper];
        if (relative) {
          let days = 0;
          if (relative.n) {
            this.#expect(':');
            days = this.#integer();
          }
          return { kind: 'relative', name: relative.name, days, pos };
        }
        break;
      }
    }
    throw this.#error(token, `unexpected token: ${describe(token)}`);
  }

  #integer(): number {
    const token = this.#next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) {
      throw this.#error(token, `expecting a non-negative integer, found ${describe(token)}`);
    }
    return Number(token.text);
  }

  #name(what: string): FieldRef {
    const token = this.#next();
    if (token.kind !== 'ident' || RESERVED.has(token.text.toUpperCase())) {
      throw this.#error(token, `unexpected token: ${describe(token)} (expecting ${what})`);
    }
    return { name: token.text, pos: token.pos };
  }

  #peek(ahead = 0): Token {
    return this.#tokens[Math.min(this.#at + ahead, this.#tokens.length - 1)]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (this.#at < this.#tokens.length - 1) this.#at += 1;
    return token;
  }

  #isKeyword(word: string): boolean {
    const token = this.#peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  #acceptKeyword(word: string): boolean {
    if (!this.#isKeyword(word)) return false;
    this.#next();
    return true;
  }

  #keyword(word: string): void {
    if (!this.#acceptKeyword(word))
      throw this.#error(this.#peek(), `unexpected token: ${describe(this.#peek())} (expecting ${word})`);
  }

  #accept(punct: string): boolean {
    const token = this.#peek();
    if (token.kind !== 'punct' || token.text !== punct) return false;
    this.#next();
    return true;
  }

  #expect(punct: string): void {
    if (!this.#accept(punct))
      throw this.#error(this.#peek(), `unexpected token: ${describe(this.#peek())} (expecting '${punct}')`);
  }

  #unexpected(): never {
    throw this.#error(this.#peek(), `unexpected token: ${describe(this.#peek())}`);
  }

  #error(token: Token, detail: string): SoqlError {
    return new SoqlError('MALFORMED_QUERY', detail, token.pos, this.text);
  }
}

function describe(token: Token): string {
  return token.kind === 'eof' ? '<EOF>' : `'${token.text}'`;
}
