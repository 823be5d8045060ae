/**
 * JSONPath previews in the browser. The server evaluates extractors in PostgreSQL (its `jsonpath`
 * dialect, lax mode: `jsonb_path_query_first` / `jsonb_path_query_array`); a person editing a
 * label in the UI wants to see what a path finds in a pasted document before saving. This module
 * parses the common subset of PostgreSQL's dialect, translates each navigation step into
 * jsonpath-plus syntax (`$.a[*]` → `$[*]['a']`, `[last]` → `[-1:]`, `? (…)` → `[?(…)]`) and runs
 * it with jsonpath-plus, adding lax mode's rules between steps (an array is unwrapped before a
 * member access; a non-array is wrapped before an array access). Filters and `.**` are evaluated
 * here with PostgreSQL's semantics (three-valued logic, existential comparisons, jsonb key order),
 * which jsonpath-plus does not have. Anything else (methods such as `.size()`, `like_regex`,
 * arithmetic, variables, `strict`) is refused with an error saying the server evaluates it.
 *
 * Free of Node APIs: the web app bundles it for the browser (`@granary/pipeline/jsonpath-preview`).
 * docs/concepts.md ("JSONPath") lists the differences a person could trip on.
 */
import { JSONPath } from 'jsonpath-plus';
import { labelInput, type Extractor } from './label-input';

/** What a preview found: the value (`null` when nothing matched and one value was asked for), or why not. */
export type PreviewResult = { value: unknown } | { error: string };

/**
 * Evaluates a PostgreSQL jsonpath (lax) against a parsed JSON document, as an extractor would on
 * the server: `isarray: false` answers the first match or `null`, `true` an array of all matches.
 *
 * @example
 * previewJsonPath({ a: [{ b: 1 }, { b: 2 }] }, '$.a.b', true) // { value: [1, 2] }
 * previewJsonPath({ a: [1, 2] }, '$.a.size()', false) // { error: 'not supported in the browser preview: .size(); the server evaluates it' }
 */
export function previewJsonPath(document: unknown, path: string, isarray: boolean): PreviewResult {
  const parsed = parsePath(path);
  if ('error' in parsed) {
    return parsed;
  }
  try {
    const root = inJsonbOrder(document);
    const found = evaluateSteps(parsed.steps, [root], root);
    return { value: isarray ? found : found.length > 0 ? found[0] : null };
  } catch (error) {
    return { error: error instanceof PreviewError ? error.message : `the browser preview failed: ${String(error)}` };
  }
}

/**
 * The jsonpath-plus form of a PostgreSQL jsonpath, for showing what the preview runs (without
 * lax mode's unwrapping, which happens between the steps).
 *
 * @example
 * translateJsonPath('$.a[last] ? (@.x > 1 && @.y == "s")') // { path: "$['a'][-1:][?(@.x > 1 && @.y === \"s\")]" }
 */
export function translateJsonPath(path: string): { path: string } | { error: string } {
  const parsed = parsePath(path);
  if ('error' in parsed) {
    return parsed;
  }
  // `.**.b` reads `..['b']` in jsonpath-plus (its `..*` alone is "every descendant").
  return { path: `$${parsed.steps.map(stepToPlus).join('')}`.replace(/\.\.\*(?=\[)/g, '..') };
}

/**
 * What a label's function would receive for this document (or, without a function, the label
 * value): no extractor gives `{}`, one its value, several an object keyed by extractor name.
 *
 * @example
 * previewLabelInput({ a: 1, b: [2, 3] }, [{ name: 'a', jsonpath: '$.a', isarray: false }, { name: 'b', jsonpath: '$.b[*]', isarray: true }])
 * // { value: { a: 1, b: [2, 3] } }
 */
export function previewLabelInput(document: unknown, extractors: readonly Extractor[]): PreviewResult {
  const values: unknown[] = [];
  for (const extractor of extractors) {
    const result = previewJsonPath(document, extractor.jsonpath, extractor.isarray);
    if ('error' in result) {
      return { error: extractors.length > 1 ? `extractor ${extractor.name}: ${result.error}` : result.error };
    }
    values.push(result.value);
  }
  return { value: labelInput(extractors, values) };
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

/** An array subscript bound: `3` is `{ fromLast: false, offset: 3 }`, `last - 1` is `{ fromLast: true, offset: -1 }`. */
interface Index {
  fromLast: boolean;
  offset: number;
}

type Step =
  | { kind: 'member'; key: string }
  | { kind: 'anyMember' }
  | { kind: 'anyElement' }
  | { kind: 'elements'; subscripts: { from: Index; to: Index }[] }
  | { kind: 'descendants'; from: number; to: number }
  | { kind: 'filter'; predicate: Predicate };

type Operand = { kind: 'path'; root: '$' | '@'; steps: Step[] } | { kind: 'literal'; value: string | number | boolean | null };

type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

type Predicate =
  | { kind: 'and' | 'or'; left: Predicate; right: Predicate }
  | { kind: 'not'; operand: Predicate }
  | { kind: 'isUnknown'; operand: Predicate }
  | { kind: 'compare'; operator: ComparisonOperator; left: Operand; right: Operand }
  | { kind: 'exists'; path: Operand }
  | { kind: 'startsWith'; operand: Operand; prefix: string };

class PreviewError extends Error {}

const unsupported = (what: string) => new PreviewError(`not supported in the browser preview: ${what}; the server evaluates it`);
const invalid = (what: string) => new PreviewError(`not valid PostgreSQL jsonpath: ${what}`);

// ---------------------------------------------------------------------------------------------
// Parser: PostgreSQL's jsonpath grammar, the part the preview evaluates.

// Characters that end an unquoted key in PostgreSQL's jsonpath scanner (its `other` class).
const SPECIAL = new Set('?%$.[]{}()|&!=<>@#,*:-+/\\" \t\n\r\f'.split(''));

function parsePath(path: string): { steps: Step[] } | { error: string } {
  try {
    return { steps: new Parser(path).parseRoot() };
  } catch (error) {
    if (error instanceof PreviewError) {
      return { error: error.message };
    }
    throw error;
  }
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseRoot(): Step[] {
    this.skipSpace();
    if (this.matchWord('strict')) {
      throw unsupported('strict mode (extractors are evaluated in lax mode)');
    }
    this.matchWord('lax');
    this.skipSpace();
    if (this.atEnd()) {
      throw invalid('the path is empty; it starts with $');
    }
    if (this.peek() === '@') {
      throw invalid('@ is only allowed inside a filter');
    }
    if (this.peek() !== '$') {
      throw invalid('a path starts with $');
    }
    if (/^\$[A-Za-z_"]/.test(this.text.slice(this.pos))) {
      throw unsupported('variables ($name)');
    }
    this.pos++;
    const steps = this.parseSteps();
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (/^[+\-*/%]/.test(rest)) {
      throw unsupported('arithmetic (+ - * / %)');
    }
    if (/^(==|!=|<>|<=|>=|<|>|&&|\|\||like_regex\b|starts\s+with\b|is\s+unknown\b)/.test(rest)) {
      throw unsupported('a condition as the whole path (it answers true or false)');
    }
    if (!this.atEnd()) {
      throw this.unexpected();
    }
    return steps;
  }

  private parseSteps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '.') {
        steps.push(this.parseDotStep());
      } else if (c === '[') {
        steps.push(this.parseSubscripts());
      } else if (c === '?') {
        this.pos++;
        this.skipSpace();
        this.expect('(');
        const predicate = this.parsePredicate();
        this.skipSpace();
        this.expect(')');
        steps.push({ kind: 'filter', predicate });
      } else {
        return steps;
      }
    }
  }

  private parseDotStep(): Step {
    this.pos++; // '.'
    this.skipSpace();
    const c = this.peek();
    if (c === '.') {
      throw invalid('".." (jsonpath-plus syntax); write .** for any depth');
    }
    if (c === '*') {
      if (this.text[this.pos + 1] === '*') {
        this.pos += 2;
        return this.parseLevels();
      }
      this.pos++;
      return { kind: 'anyMember' };
    }
    if (c === '"') {
      return { kind: 'member', key: this.parseString() };
    }
    const start = this.pos;
    while (!this.atEnd() && !SPECIAL.has(this.peek())) {
      this.pos++;
    }
    const key = this.text.slice(start, this.pos);
    if (key === '') {
      throw this.unexpected();
    }
    const dashed = /^(-[^?%$.[\]{}()|&!=<>@#,*:+/\\" \t\n\r\f]+)+/.exec(this.text.slice(this.pos));
    if (dashed && /^-[A-Za-z_]/.test(dashed[0])) {
      throw invalid(`a key with "-" must be quoted: ."${key}${dashed[0]}"`);
    }
    if (/^\d/.test(key)) {
      throw invalid(`a key that starts with a digit must be quoted: ."${key}"`);
    }
    const after = this.pos;
    this.skipSpace();
    if (this.peek() === '(') {
      throw unsupported(`.${key}()`);
    }
    this.pos = after;
    return { kind: 'member', key };
  }

  /** `.**`, `.**{2}`, `.**{1 to 3}`, `.**{1 to last}`; level 0 is the item itself. */
  private parseLevels(): Step {
    this.skipSpace();
    if (this.peek() !== '{') {
      return { kind: 'descendants', from: 0, to: Infinity };
    }
    this.pos++;
    this.skipSpace();
    if (this.matchWord('last')) {
      throw unsupported('.**{last}');
    }
    const from = this.parseUnsignedInteger();
    let to = from;
    this.skipSpace();
    if (this.matchWord('to')) {
      this.skipSpace();
      to = this.matchWord('last') ? Infinity : this.parseUnsignedInteger();
    }
    this.skipSpace();
    this.expect('}');
    return { kind: 'descendants', from, to };
  }

  private parseSubscripts(): Step {
    this.pos++; // '['
    this.skipSpace();
    if (this.peek() === '*') {
      this.pos++;
      this.skipSpace();
      this.expect(']');
      return { kind: 'anyElement' };
    }
    if (this.peek() === '"' || this.peek() === "'") {
      throw invalid('["key"] (jsonpath-plus syntax); write ."key" for a member');
    }
    const subscripts: { from: Index; to: Index }[] = [];
    for (;;) {
      const from = this.parseIndex();
      this.skipSpace();
      const to = this.matchWord('to') ? this.parseIndex() : from;
      subscripts.push({ from, to });
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { kind: 'elements', subscripts };
    }
  }

  private parseIndex(): Index {
    this.skipSpace();
    if (this.matchWord('last')) {
      this.skipSpace();
      if (this.peek() === '-' || this.peek() === '+') {
        const sign = this.peek() === '-' ? -1 : 1;
        this.pos++;
        this.skipSpace();
        return { fromLast: true, offset: sign * this.parseUnsignedInteger() };
      }
      return { fromLast: true, offset: 0 };
    }
    let sign = 1;
    if (this.peek() === '-') {
      sign = -1;
      this.pos++;
      this.skipSpace();
    }
    if (!/\d/.test(this.peek())) {
      throw this.atEnd() ? invalid('the path ends inside [ ]') : unsupported(`the subscript at position ${this.pos + 1} (only numbers, last and last - n)`);
    }
    return { fromLast: false, offset: sign * this.parseUnsignedInteger() };
  }

  private parseUnsignedInteger(): number {
    const match = /^\d+/.exec(this.text.slice(this.pos));
    if (!match) {
      throw this.atEnd() ? invalid('the path ends where a number was expected') : this.unexpected();
    }
    this.pos += match[0].length;
    if (/^[.eE]/.test(this.text.slice(this.pos))) {
      throw unsupported('a subscript that is not a whole number');
    }
    return Number(match[0]);
  }

  // Predicates: PostgreSQL's precedence is ! over && over ||.
  private parsePredicate(): Predicate {
    let left = this.parseAnd();
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('||', this.pos)) {
        return left;
      }
      this.pos += 2;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
  }

  private parseAnd(): Predicate {
    let left = this.parseNot();
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('&&', this.pos)) {
        return left;
      }
      this.pos += 2;
      left = { kind: 'and', left, right: this.parseNot() };
    }
  }

  private parseNot(): Predicate {
    this.skipSpace();
    if (this.peek() === '!' && this.text[this.pos + 1] !== '=') {
      this.pos++;
      this.skipSpace();
      if (this.peek() !== '(' && !/^exists\b/.test(this.text.slice(this.pos))) {
        throw invalid('! must be followed by a parenthesised condition or exists(…)');
      }
      return { kind: 'not', operand: this.parseNot() };
    }
    // A group is a condition: an arithmetic group inside it is refused when its operator is reached.
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.parsePredicate();
      this.skipSpace();
      this.expect(')');
      this.skipSpace();
      if (this.matchWord('is')) {
        this.skipSpace();
        if (!this.matchWord('unknown')) {
          throw this.unexpected();
        }
        return { kind: 'isUnknown', operand: inner };
      }
      return inner;
    }
    if (this.matchWord('exists')) {
      this.skipSpace();
      this.expect('(');
      this.skipSpace();
      const path = this.parseOperand();
      if (path.kind !== 'path') {
        throw invalid('exists() takes a path');
      }
      this.skipSpace();
      this.expect(')');
      return { kind: 'exists', path };
    }
    return this.parseComparison();
  }

  private parseComparison(): Predicate {
    const left = this.parseOperand();
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const operator = /^(==|!=|<>|<=|>=|<|>)/.exec(rest)?.[1];
    if (operator) {
      this.pos += operator.length;
      const right = this.parseOperand();
      return { kind: 'compare', operator: operator === '<>' ? '!=' : (operator as ComparisonOperator), left, right };
    }
    if (this.matchWord('starts')) {
      this.skipSpace();
      if (!this.matchWord('with')) {
        throw this.unexpected();
      }
      this.skipSpace();
      if (this.peek() !== '"') {
        throw unsupported('starts with anything but a string');
      }
      return { kind: 'startsWith', operand: left, prefix: this.parseString() };
    }
    if (this.matchWord('like_regex')) {
      throw unsupported('like_regex (PostgreSQL regular expressions)');
    }
    if (/^[+\-*/%]/.test(rest)) {
      throw unsupported('arithmetic (+ - * / %)');
    }
    if (this.atEnd()) {
      throw invalid('the path ends inside a filter');
    }
    if (this.peek() === ')') {
      throw invalid('a filter needs a condition, e.g. ? (@.x == 1) or ? (exists(@.x))');
    }
    throw this.unexpected();
  }

  private parseOperand(): Operand {
    this.skipSpace();
    const c = this.peek();
    if (c === '@' || c === '$') {
      if (c === '$' && /^\$[A-Za-z_"]/.test(this.text.slice(this.pos))) {
        throw unsupported('variables ($name)');
      }
      this.pos++;
      const steps = this.parseSteps();
      this.rejectArithmetic();
      return { kind: 'path', root: c, steps };
    }
    if (c === '"') {
      const value = this.parseString();
      this.rejectArithmetic();
      return { kind: 'literal', value };
    }
    const number = /^-?\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      this.rejectArithmetic();
      return { kind: 'literal', value: Number(number[0].replace(/\s/g, '')) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.matchWord(word)) {
        return { kind: 'literal', value };
      }
    }
    if (c === '(' || c === '-' || c === '+') {
      throw unsupported('arithmetic (+ - * / %)');
    }
    throw this.atEnd() ? invalid('the path ends inside a filter') : this.unexpected();
  }

  private rejectArithmetic(): void {
    const save = this.pos;
    this.skipSpace();
    if (/^[+\-*/%]/.test(this.text.slice(this.pos))) {
      throw unsupported('arithmetic (+ - * / %)');
    }
    this.pos = save;
  }

  /** A double-quoted string with PostgreSQL's jsonpath escapes. */
  private parseString(): string {
    this.expect('"');
    let value = '';
    for (;;) {
      if (this.atEnd()) {
        throw invalid('a string is not closed');
      }
      const c = this.text[this.pos++]!;
      if (c === '"') {
        return value;
      }
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = this.text[this.pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
      if (e !== undefined && e in simple) {
        value += simple[e];
      } else if (e === 'x' && /^[0-9a-fA-F]{2}/.test(this.text.slice(this.pos))) {
        value += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else if (e === 'u' && this.peek() === '{') {
        const close = this.text.indexOf('}', this.pos);
        const hex = this.text.slice(this.pos + 1, close);
        if (close < 0 || !/^[0-9a-fA-F]{1,6}$/.test(hex)) {
          throw invalid('a \\u{…} escape is malformed');
        }
        value += String.fromCodePoint(parseInt(hex, 16));
        this.pos = close + 1;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}/.test(this.text.slice(this.pos))) {
        value += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else if (e !== undefined) {
        value += e; // PostgreSQL keeps an unknown escaped character as itself
      }
    }
  }

  private matchWord(word: string): boolean {
    if (this.text.startsWith(word, this.pos) && !/[\w]/.test(this.text[this.pos + word.length] ?? '')) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.peek() !== c) {
      throw this.atEnd() ? invalid(`the path ends where "${c}" was expected`) : this.unexpected(`"${c}" expected`);
    }
    this.pos++;
  }

  private unexpected(hint?: string): PreviewError {
    const near = this.text.slice(this.pos, this.pos + 12);
    return invalid(`unexpected "${near}" at position ${this.pos + 1}${hint ? ` (${hint})` : ''}`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.peek())) {
      this.pos++;
    }
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Translation to jsonpath-plus, one step at a time

// jsonpath-plus reads these inside ['…'] as syntax, so such keys are looked up directly.
const PLUS_UNSAFE_KEY = /^$|['\]\[;^~`*()?#@]/;

function stepToPlus(step: Step): string {
  switch (step.kind) {
    case 'member':
      return `['${step.key}']`;
    case 'anyMember':
      return '.*';
    case 'anyElement':
      return '[*]';
    case 'elements':
      return step.subscripts.map(({ from, to }) => `[${indexToPlus(from, to)}]`).join('');
    case 'descendants':
      return step.from === 0 && step.to === Infinity ? '..*' : `..*{${step.from} to ${step.to === Infinity ? 'last' : step.to}}`;
    case 'filter':
      return `[?(${predicateToJs(step.predicate)})]`;
  }
}

function indexToPlus(from: Index, to: Index): string {
  const one = (i: Index) => (i.fromLast ? String(i.offset - 1) : String(i.offset));
  if (from.fromLast === to.fromLast && from.offset === to.offset) {
    return from.fromLast ? `${from.offset - 1}:${from.offset === 0 ? '' : from.offset}` : one(from);
  }
  return `${one(from)}:${to.fromLast ? (to.offset === 0 ? '' : to.offset) : to.offset + 1}`;
}

function predicateToJs(p: Predicate): string {
  switch (p.kind) {
    case 'and':
      return `${predicateToJs(p.left)} && ${predicateToJs(p.right)}`;
    case 'or':
      return `(${predicateToJs(p.left)} || ${predicateToJs(p.right)})`;
    case 'not':
      return `!(${predicateToJs(p.operand)})`;
    case 'isUnknown':
      return `(${predicateToJs(p.operand)}) === undefined`;
    case 'compare':
      return `${operandToJs(p.left)} ${p.operator === '==' ? '===' : p.operator === '!=' ? '!==' : p.operator} ${operandToJs(p.right)}`;
    case 'exists':
      return `${operandToJs(p.path)} !== undefined`;
    case 'startsWith':
      return `${operandToJs(p.operand)}.startsWith(${JSON.stringify(p.prefix)})`;
  }
}

function operandToJs(o: Operand): string {
  if (o.kind === 'literal') {
    return JSON.stringify(o.value);
  }
  const base = o.root === '@' ? '@' : '@root';
  return base + o.steps.map((s) => (s.kind === 'member' && /^[A-Za-z_]\w*$/.test(s.key) ? `.${s.key}` : stepToPlus(s))).join('');
}

// ---------------------------------------------------------------------------------------------
// Evaluation with lax mode's rules

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lax mode unwraps an array one level before a member access or a filter. */
const unwrapArrays = (items: readonly unknown[]): unknown[] => items.flatMap((v) => (Array.isArray(v) ? v : [v]));

/** Runs one jsonpath-plus step (`[*]…`) over a set of items, in order. */
function plus(segment: string, items: readonly unknown[]): unknown[] {
  if (items.length === 0) {
    return [];
  }
  return JSONPath({ path: `$[*]${segment}`, json: items as unknown[], wrap: true, eval: false }) as unknown[];
}

function evaluateSteps(steps: readonly Step[], start: unknown[], root: unknown): unknown[] {
  let items = start;
  for (const step of steps) {
    items = evaluateStep(step, items, root);
  }
  return items;
}

function evaluateStep(step: Step, items: unknown[], root: unknown): unknown[] {
  switch (step.kind) {
    case 'member': {
      const objects = unwrapArrays(items).filter(isObject);
      return PLUS_UNSAFE_KEY.test(step.key)
        ? objects.filter((o) => Object.hasOwn(o, step.key)).map((o) => o[step.key])
        : plus(stepToPlus(step), objects);
    }
    case 'anyMember':
      return plus('.*', unwrapArrays(items).filter(isObject));
    case 'anyElement':
      // Lax mode treats a non-array as an array of one.
      return plus('[*]', items.map((v) => (Array.isArray(v) ? v : [v])));
    case 'elements':
      return items.flatMap((v) => selectElements(Array.isArray(v) ? v : [v], step.subscripts));
    case 'descendants': {
      const found: unknown[] = [];
      for (const item of items) {
        collectLevels(item, 0, step.from, step.to, found);
      }
      return found;
    }
    case 'filter':
      return unwrapArrays(items).filter((item) => testPredicate(step.predicate, item, root) === true);
  }
}

function selectElements(array: unknown[], subscripts: readonly { from: Index; to: Index }[]): unknown[] {
  const at = (i: Index) => (i.fromLast ? array.length - 1 + i.offset : i.offset);
  return subscripts.flatMap(({ from, to }) => {
    // Lax mode skips what lies outside the array instead of failing.
    const first = Math.max(0, at(from));
    const last = Math.min(array.length - 1, at(to));
    return first > last ? [] : plus(`[${first}:${last + 1}]`, [array]);
  });
}

/** `.**`: the item (level 0) and everything below it, depth first, members in jsonb order. */
function collectLevels(item: unknown, level: number, from: number, to: number, found: unknown[]): void {
  if (level >= from) {
    found.push(item);
  }
  if (level >= to) {
    return;
  }
  const children = Array.isArray(item) ? item : isObject(item) ? Object.values(item) : [];
  for (const child of children) {
    collectLevels(child, level + 1, from, to, found);
  }
}

// PostgreSQL's three-valued logic: true, false, or unknown (undefined here).
type Truth = boolean | undefined;

function testPredicate(p: Predicate, current: unknown, root: unknown): Truth {
  switch (p.kind) {
    case 'and': {
      const left = testPredicate(p.left, current, root);
      if (left === false) {
        return false;
      }
      const right = testPredicate(p.right, current, root);
      return right === true ? left : right;
    }
    case 'or': {
      const left = testPredicate(p.left, current, root);
      if (left === true) {
        return true;
      }
      const right = testPredicate(p.right, current, root);
      return right === false ? left : right;
    }
    case 'not': {
      const value = testPredicate(p.operand, current, root);
      return value === undefined ? undefined : !value;
    }
    case 'isUnknown':
      return testPredicate(p.operand, current, root) === undefined;
    case 'exists':
      return operandValues(p.path, current, root).length > 0;
    case 'compare':
      return anyPair(unwrapArrays(operandValues(p.left, current, root)), unwrapArrays(operandValues(p.right, current, root)), (a, b) =>
        compareItems(p.operator, a, b),
      );
    case 'startsWith':
      return anyPair(unwrapArrays(operandValues(p.operand, current, root)), [p.prefix], (a, prefix) =>
        typeof a === 'string' ? a.startsWith(prefix as string) : undefined,
      );
  }
}

function operandValues(o: Operand, current: unknown, root: unknown): unknown[] {
  return o.kind === 'literal' ? [o.value] : evaluateSteps(o.steps, [o.root === '@' ? current : root], root);
}

/** Lax mode: true when some pair is true; else unknown when some pair could not be compared; else false. */
function anyPair(left: unknown[], right: unknown[], test: (a: unknown, b: unknown) => Truth): Truth {
  let sawUnknown = false;
  for (const a of left) {
    for (const b of right) {
      const result = test(a, b);
      if (result === true) {
        return true;
      }
      sawUnknown ||= result === undefined;
    }
  }
  return sawUnknown ? undefined : false;
}

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'container';
const jsonType = (v: unknown): JsonType =>
  v === null ? 'null' : typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'container';

/** PostgreSQL's compareItems: null equals only null; other mixed types and containers are not comparable. */
function compareItems(operator: ComparisonOperator, a: unknown, b: unknown): Truth {
  const ta = jsonType(a);
  const tb = jsonType(b);
  if (ta !== tb) {
    if (ta === 'null' || tb === 'null') {
      return operator === '!=';
    }
    return undefined;
  }
  if (ta === 'container') {
    return undefined;
  }
  let order: number;
  if (ta === 'null') {
    order = 0;
  } else if (ta === 'string' && operator !== '==' && operator !== '!=') {
    order = compareCodePoints(a as string, b as string);
  } else {
    order = a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  }
  switch (operator) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** Code point order, as a database with the C collation sorts text. */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) {
      return d;
    }
  }
  return x.length - y.length;
}

// ---------------------------------------------------------------------------------------------
// jsonb's object key order: shorter keys first, then byte order (what `.*` and `.**` visit first).

const ordered = new WeakMap<object, unknown>();
const encoder = new TextEncoder();

function jsonbKeyOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) {
    return x.length - y.length;
  }
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return x[i]! - y[i]!;
    }
  }
  return 0;
}

/** A copy of the document whose objects list their keys as jsonb stores them (cached per document). */
function inJsonbOrder(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const cached = ordered.get(value);
  if (cached !== undefined) {
    return cached;
  }
  const copy = Array.isArray(value)
    ? value.map(inJsonbOrder)
    : Object.fromEntries(
        Object.keys(value)
          .sort(jsonbKeyOrder)
          .map((key) => [key, inJsonbOrder((value as Record<string, unknown>)[key])]),
      );
  ordered.set(value, copy);
  return copy;
}
