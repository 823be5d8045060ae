/** What a JSON text field holds: the parsed value, or why it is not JSON (with where, for people). */
export type ParsedJson = { isOk: true; value: unknown } | { isOk: false; message: string };

/**
 * Parses what a person typed as JSON; an error names the line and column, as editors count them.
 *
 * @example
 * parseJsonText('{"a": 1,}') // { isOk: false, message: 'Line 1, column 9: ...' }
 */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { isOk: true, value: JSON.parse(text) };
  } catch {
    // Engines word (and place) the error differently; find the first error ourselves.
    const found = findJsonError(text);
    return { isOk: false, message: `${found.position >= text.length ? (text.trim() === '' ? 'Empty' : 'At the end') : lineAndColumn(text, found.position)}: ${found.message}` };
  }
}

/** The first place a JSON text breaks the grammar (RFC 8259), and why. */
function findJsonError(text: string): { position: number; message: string } {
  let pos = 0;
  const fail = (message: string): never => {
    throw { position: pos, message };
  };
  const space = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) {
      pos++;
    }
  };
  const describe = () => (pos >= text.length ? 'the text ends' : `unexpected ${JSON.stringify(text[pos])}`);
  const literal = (word: string) => (text.startsWith(word, pos) ? void (pos += word.length) : fail(`${describe()}; expected ${word}`));
  const string = () => {
    pos++; // opening quote
    while (pos < text.length && text[pos] !== '"') {
      const c = text.charCodeAt(pos);
      if (c < 0x20) {
        fail('a control character (such as a line break) inside a string must be escaped');
      }
      if (text[pos] === '\\') {
        pos++;
        if (text[pos] === 'u') {
          if (!/^[0-9a-fA-F]{4}/.test(text.slice(pos + 1, pos + 5))) {
            fail('\\u must be followed by four hex digits');
          }
          pos += 4;
        } else if (!'"\\/bfnrt'.includes(text[pos] ?? 'x')) {
          fail(`${describe()} after a backslash`);
        }
      }
      pos++;
    }
    if (pos >= text.length) {
      fail('a string is not closed');
    }
    pos++;
  };
  const value = (): void => {
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      space();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        space();
        if (text[pos] !== '"') {
          fail(`${describe()}; expected a key in double quotes`);
        }
        string();
        space();
        if (text[pos] !== ':') {
          fail(`${describe()}; expected ":"`);
        }
        pos++;
        value();
        space();
        if (text[pos] === ',') {
          pos++;
          space();
          if (text[pos] === '}') {
            fail('a trailing comma before "}"');
          }
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return;
        }
        fail(`${describe()}; expected "," or "}"`);
      }
    }
    if (c === '[') {
      pos++;
      space();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[pos] === ',') {
          pos++;
          space();
          if (text[pos] === ']') {
            fail('a trailing comma before "]"');
          }
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return;
        }
        fail(`${describe()}; expected "," or "]"`);
      }
    }
    if (c === '"') {
      return string();
    }
    if (c === 't') {
      return literal('true');
    }
    if (c === 'f') {
      return literal('false');
    }
    if (c === 'n') {
      return literal('null');
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (number) {
      pos += number[0].length;
      return;
    }
    fail(`${describe()}; expected a value`);
  };
  try {
    value();
    space();
    if (pos < text.length) {
      fail(`${describe()} after the value`);
    }
    return { position: text.length, message: 'not valid JSON' };
  } catch (error) {
    return error as { position: number; message: string };
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `Line ${line}, column ${column}`;
}

/** The head of a long text, cut at a line end, and whether anything was left out. */
export interface TextHead {
  text: string;
  isTruncated: boolean;
}

/**
 * At most `maxChars` characters of `text`, ending at a line break when one is near, so a huge
 * document shows quickly and the page stays responsive.
 *
 * @example
 * headOf('a\nb\nc', 3) // { text: 'a\nb', isTruncated: true }
 */
export function headOf(text: string, maxChars: number): TextHead {
  if (text.length <= maxChars) {
    return { text, isTruncated: false };
  }
  const cut = text.lastIndexOf('\n', maxChars);
  return { text: text.slice(0, cut > maxChars / 2 ? cut : maxChars), isTruncated: true };
}

/** JSON as people read it: two-space indentation. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}
