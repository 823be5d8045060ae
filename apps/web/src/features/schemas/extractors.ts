/** An extractor as the API has it: a name, a PostgreSQL jsonpath (lax), and whether all matches are wanted. */
export interface Extractor {
  name: string;
  jsonpath: string;
  isarray: boolean;
}

/** An extractor being edited: with a stable key so React keeps each row's inputs while rows come and go. */
export interface ExtractorRow extends Extractor {
  key: string;
}

let nextKey = 0;

/** Rows for the editor, each with a fresh key. */
export function toRows(extractors: readonly Extractor[]): ExtractorRow[] {
  return extractors.map((e) => ({ name: e.name, jsonpath: e.jsonpath, isarray: e.isarray, key: `x${nextKey++}` }));
}

/** An empty row to add. */
export function emptyRow(): ExtractorRow {
  return { name: '', jsonpath: '', isarray: false, key: `x${nextKey++}` };
}

/** The extractors to send: rows as typed, trimmed, without the editor's keys. */
export function fromRows(rows: readonly ExtractorRow[]): Extractor[] {
  return rows.map((r) => ({ name: r.name.trim(), jsonpath: r.jsonpath.trim(), isarray: r.isarray }));
}

/**
 * What is wrong with a set of extractors before it goes to the API: every extractor needs a name
 * (unique, as the function refers to values by name) and a path starting with `$`.
 *
 * @example
 * extractorProblems([{ name: '', jsonpath: 'a', isarray: false }])
 * // ['Extractor 1 needs a name.', 'The JSONPath of extractor 1 starts with $ (e.g. $.results.throughput).']
 */
export function extractorProblems(extractors: readonly Pick<Extractor, 'name' | 'jsonpath'>[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  extractors.forEach((e, index) => {
    const n = index + 1;
    const name = e.name.trim();
    if (!name) {
      problems.push(`Extractor ${n} needs a name.`);
    } else if (seen.has(name)) {
      problems.push(`Two extractors are named ${name}; the function tells them apart by name.`);
    }
    seen.add(name);
    if (!e.jsonpath.trim().startsWith('$') && !/^(lax|strict)\s+\$/.test(e.jsonpath.trim())) {
      problems.push(`The JSONPath of extractor ${n} starts with $ (e.g. $.results.throughput).`);
    }
  });
  return problems;
}

/**
 * What a combination function receives, in words, for the hint under the editor (Horreum's rule:
 * one extractor → its value, several → an object keyed by extractor name).
 *
 * @example
 * functionInputHint([{ name: 'a', jsonpath: '$.a', isarray: false }, { name: 'b', jsonpath: '$.b', isarray: true }])
 * // 'The function receives an object: { a: <first match of $.a>, b: <array of all matches of $.b> }, e.g. ({ a, b }) => a / b.'
 */
export function functionInputHint(extractors: readonly Extractor[]): string {
  const describe = (e: Extractor) => `${e.isarray ? 'array of all matches' : 'first match'} of ${e.jsonpath.trim() || 'its JSONPath'}`;
  if (extractors.length === 0) {
    return 'Add an extractor: the function receives its value (one extractor) or an object keyed by extractor name (several).';
  }
  if (extractors.length === 1) {
    return `The function receives the value itself: the ${describe(extractors[0]!)}, e.g. value => value * 1000.`;
  }
  const names = extractors.map((e) => e.name.trim() || '?');
  const fields = extractors.map((e, i) => `${names[i]}: <${describe(e)}>`).join(', ');
  const example = names.every((n) => /^[A-Za-z_$][\w$]*$/.test(n)) ? `({ ${names.slice(0, 2).join(', ')} }) => ${names.slice(0, 2).join(' / ')}` : 'value => value';
  return `The function receives an object: { ${fields} }, e.g. ${example}.`;
}
