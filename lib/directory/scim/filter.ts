import { ScimFailure } from './errors';
import { isObject, resolvePath } from './normalize';
import { type AttributeDef, findAttribute, type ResourceTypeDef } from './schema';

/**
 * SCIM filters (RFC 7644 §3.4.2.2): `eq ne co sw ew pr gt ge lt le`, `and`, `or`, `not`,
 * parentheses, and value paths (`emails[type eq "work"]`, also followed by `.value eq "x"`).
 * Attribute names and operators are case-insensitive; every attribute is resolved against the
 * schema here, so an unknown one is a 400 `invalidFilter` before anything reaches the database.
 * Values may be quoted strings, numbers, true/false/null, or (as some clients send) bare words.
 * Pure: sql.ts turns a filter into a query; `matchesElement` evaluates the value filters of PATCH
 * paths on one element.
 */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export interface AttrRef {
  /** The extension's URN, or null for core and common attributes. */
  urn: string | null;
  attribute: AttributeDef;
  sub: AttributeDef | null;
}

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'compare'; path: AttrRef; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: AttrRef }
  /** Some element of a multi-valued attribute matches `filter` (and then `then`, when given). */
  | { kind: 'valuePath'; path: AttrRef; filter: Filter; then: Filter | null };

const OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const MAX_FILTER_LENGTH = 2048;
const MAX_DEPTH = 32;

type Token = { kind: 'word' | 'string' | '(' | ')' | '[' | ']'; text: string };

function fail(detail: string): never {
  throw new ScimFailure({ status: 400, scimType: 'invalidFilter', detail });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if ('()[]'.includes(ch)) {
      tokens.push({ kind: ch as '(' | ')' | '[' | ']', text: ch });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) fail('A quoted value is not closed.');
      let value: string;
      try {
        value = JSON.parse(text.slice(i, j + 1));
      } catch {
        fail(`The value ${text.slice(i, j + 1)} is not a valid JSON string.`);
      }
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()[\]"]/.test(text[j]!)) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/**
 * Parses a filter for a resource type; with `element`, a value filter on that multi-valued
 * attribute's sub-attributes (the inside of `emails[…]`). Throws ScimFailure (400 invalidFilter).
 */
export function parseFilter(text: string, type: ResourceTypeDef, element: AttributeDef | null = null): Filter {
  if (text.length > MAX_FILTER_LENGTH) fail(`A filter may be at most ${MAX_FILTER_LENGTH} characters.`);
  const tokens = tokenize(text);
  if (tokens.length === 0) fail('The filter is empty.');
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (token: Token | undefined, word: string) => token?.kind === 'word' && token.text.toLowerCase() === word;
  const expect = (kind: Token['kind']) => {
    const token = tokens[pos];
    if (token?.kind !== kind)
      fail(token ? `Expected "${kind}" but found "${token.text}".` : `Expected "${kind}" at the end of the filter.`);
    pos++;
  };

  const parseOr = (element: AttributeDef | null, depth: number): Filter => {
    if (depth > MAX_DEPTH) fail('The filter is nested too deeply.');
    let left = parseAnd(element, depth);
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd(element, depth) };
    }
    return left;
  };
  const parseAnd = (element: AttributeDef | null, depth: number): Filter => {
    let left = parseUnary(element, depth);
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary(element, depth) };
    }
    return left;
  };
  const parseUnary = (element: AttributeDef | null, depth: number): Filter => {
    const token = peek();
    if (isWord(token, 'not')) {
      pos++;
      expect('(');
      const inner = parseOr(element, depth + 1);
      expect(')');
      return { kind: 'not', filter: inner };
    }
    if (token?.kind === '(') {
      pos++;
      const inner = parseOr(element, depth + 1);
      expect(')');
      return inner;
    }
    return parseAttributeExpression(element, depth);
  };
  const resolve = (name: string, element: AttributeDef | null): AttrRef => {
    if (element) {
      const sub = element.subAttributes && findAttribute(element.subAttributes, name);
      if (!sub) fail(`"${name}" is not a sub-attribute of "${element.name}".`);
      return { urn: null, attribute: sub, sub: null };
    }
    const path = resolvePath(type, name, 'invalidFilter');
    if (!path.attribute) fail(`"${name}" names a schema, not an attribute.`);
    return { urn: path.urn, attribute: path.attribute, sub: path.sub };
  };
  const parseComparison = (path: AttrRef): Filter => {
    const opToken = tokens[pos++];
    if (opToken?.kind !== 'word') fail(`Expected an operator after "${path.attribute.name}".`);
    const op = opToken.text.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!OPERATORS.has(op)) fail(`"${opToken.text}" is not a filter operator.`);
    const valueToken = tokens[pos++];
    if (!valueToken || (valueToken.kind !== 'string' && valueToken.kind !== 'word')) fail(`Expected a value after "${op}".`);
    return checkComparison(path, op as CompareOp, literal(valueToken));
  };
  const parseAttributeExpression = (element: AttributeDef | null, depth: number): Filter => {
    const token = tokens[pos++];
    if (token?.kind !== 'word') fail(token ? `Unexpected "${token.text}".` : 'The filter ends too early.');
    const path = resolve(token.text, element);
    if (peek()?.kind !== '[') return parseComparison(path);
    // A value path: attr[filter], optionally followed by .sub op value.
    if (element || path.sub || !path.attribute.multiValued || path.attribute.type !== 'complex') {
      fail(`"${token.text}" can't take a [filter]: only a multi-valued attribute can.`);
    }
    pos++;
    const inner = parseOr(path.attribute, depth + 1);
    expect(']');
    let then: Filter | null = null;
    const next = peek();
    if (next?.kind === 'word' && next.text.startsWith('.')) {
      pos++;
      then = parseComparison(resolve(next.text.slice(1), path.attribute));
    }
    return { kind: 'valuePath', path, filter: inner, then };
  };

  const filter = parseOr(element, 0);
  if (pos < tokens.length) fail(`Unexpected "${tokens[pos]!.text}".`);
  return filter;
}

function literal(token: Token): FilterValue {
  if (token.kind === 'string') return token.text;
  const lower = token.text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token.text)) return Number(token.text);
  return token.text;
}

/** The attribute a comparison reads: the sub-attribute, or a multi-valued attribute's `value`. */
export function comparedAttribute(path: AttrRef): AttributeDef {
  const target = path.sub ?? path.attribute;
  if (target.type === 'complex') {
    const value = target.subAttributes?.find((s) => s.name === 'value');
    if (!value) fail(`"${target.name}" is complex: compare one of its sub-attributes.`);
    return value;
  }
  return target;
}

function checkComparison(path: AttrRef, op: CompareOp, value: FilterValue): Filter {
  const target = comparedAttribute(path);
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') fail(`"${op}" can't compare with null.`);
    // "eq null" means not present; "ne null" means present.
    const present: Filter = { kind: 'present', path };
    return op === 'eq' ? { kind: 'not', filter: present } : present;
  }
  switch (target.type) {
    case 'boolean': {
      const bool = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
      if (typeof bool !== 'boolean') fail(`"${target.name}" is true or false; compare it with true or false.`);
      if (op !== 'eq' && op !== 'ne') fail(`"${op}" can't compare true or false; use eq or ne.`);
      return { kind: 'compare', path, op, value: bool };
    }
    case 'dateTime':
      if (op === 'co' || op === 'sw' || op === 'ew') fail(`"${op}" can't compare dates.`);
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(`${JSON.stringify(value)} is not a date and time.`);
      return { kind: 'compare', path, op, value };
    case 'integer':
      if (typeof value !== 'number') fail(`"${target.name}" is a number.`);
      return { kind: 'compare', path, op, value };
    default:
      if (typeof value === 'boolean') fail(`"${target.name}" is text; quote the value.`);
      return { kind: 'compare', path, op, value: String(value) };
  }
}

/** Compares two strings as SCIM does: case-insensitively unless the attribute is case-exact. */
export function compareStrings(op: CompareOp, actual: string, expected: string, caseExact: boolean): boolean {
  const a = caseExact ? actual : actual.toLowerCase();
  const b = caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

/**
 * Whether one element of a multi-valued attribute matches a value filter (the `[…]` of a PATCH
 * path), e.g. `type eq "work"` against `{ type: "work", value: "a@b.c" }`.
 */
export function matchesElement(filter: Filter, element: unknown): boolean {
  const item = isObject(element) ? element : {};
  switch (filter.kind) {
    case 'and':
      return matchesElement(filter.left, item) && matchesElement(filter.right, item);
    case 'or':
      return matchesElement(filter.left, item) || matchesElement(filter.right, item);
    case 'not':
      return !matchesElement(filter.filter, item);
    case 'present': {
      const value = item[filter.path.attribute.name];
      return value !== undefined && value !== null && value !== '';
    }
    case 'compare': {
      const value = item[filter.path.attribute.name];
      if (value === undefined || value === null) return filter.op === 'ne';
      if (typeof filter.value === 'boolean') return filter.op === 'eq' ? value === filter.value : value !== filter.value;
      if (filter.path.attribute.type === 'dateTime') {
        const diff = Date.parse(String(value)) - Date.parse(String(filter.value));
        return { eq: diff === 0, ne: diff !== 0, gt: diff > 0, ge: diff >= 0, lt: diff < 0, le: diff <= 0 }[filter.op as 'eq'] ?? false;
      }
      return compareStrings(filter.op, String(value), String(filter.value), filter.path.attribute.caseExact === true);
    }
    case 'valuePath':
      return false;
  }
}

/**
 * The attribute equalities a value filter pins (`type eq "work" and primary eq true`), used to
 * create the element a PATCH `replace` targets when none exists yet, as Entra expects.
 */
export function pinnedValues(filter: Filter): Record<string, unknown> | null {
  if (filter.kind === 'compare' && filter.op === 'eq') return { [filter.path.attribute.name]: filter.value };
  if (filter.kind === 'and') {
    const left = pinnedValues(filter.left);
    const right = pinnedValues(filter.right);
    return left && right ? { ...left, ...right } : null;
  }
  return null;
}
