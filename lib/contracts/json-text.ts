// JSON text with the place of its first syntax error. JSON.parse says where it failed in words that differ
// between engines (and some say nothing), so on failure a small scanner finds the first offending character
// itself: the editor can then point at the same line and column in every browser and in Node.

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string; position?: TextPosition };

const MAX_DEPTH = 512;

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const found = firstJsonError(text);
    return found ?? { ok: false, message: (e as Error).message };
  }
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The first syntax error of a text JSON.parse refused, or null if the scanner finds none. */
function firstJsonError(text: string): Extract<JsonParse, { ok: false }> | null {
  let i = 0;
  const fail = (message: string, at = i): Extract<JsonParse, { ok: false }> => ({ ok: false, message, position: positionAt(text, at) });
  const describe = (at: number) => (at >= text.length ? "the end of the text" : `"${text[at]}"`);
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const string = (): Extract<JsonParse, { ok: false }> | null => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32) return fail("A string cannot hold a line break or control character: close it with '\"' or write \\n");
      if (c === 92) {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail("\\u must be followed by four hexadecimal digits");
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return fail(`Unknown escape "\\${next ?? ""}" in a string`);
      } else i++;
    }
    return fail("A string is not closed: add '\"'");
  };
  const number = (): Extract<JsonParse, { ok: false }> | null => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || !m[0] || m[0] === "-") return fail(`Expected a value, found ${describe(i)}`);
    i += m[0].length;
    return null;
  };
  // Iterative over nesting: a deeply nested text must not overflow the stack.
  const stack: ("{" | "[")[] = [];
  const value = (): Extract<JsonParse, { ok: false }> | null => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === "{" || c === "[") {
      if (stack.length >= MAX_DEPTH) return fail(`Nested deeper than ${MAX_DEPTH} levels`);
      stack.push(c);
      i++;
      return null;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    if (c === undefined) return fail("The text ends where a value is expected");
    if (c === "'") return fail("Strings use double quotes (\") in JSON");
    return fail(`Expected a value, found ${describe(i)}`);
  };

  // A value opens; then, while containers are open, read separators, keys and values.
  let err = value();
  // After a container opens, the first thing may be its end.
  let justOpened = stack.length > 0;
  while (!err && stack.length) {
    ws();
    const top = stack[stack.length - 1];
    const close = top === "{" ? "}" : "]";
    if (text[i] === close && justOpened) {
      stack.pop();
      i++;
      justOpened = false;
      continue;
    }
    if (!justOpened) {
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") {
        err = fail(i >= text.length ? `The text ends inside ${top === "{" ? "an object" : "an array"}: add "${close}"` : `Expected "," or "${close}", found ${describe(i)}`);
        break;
      }
      i++;
      ws();
      if (text[i] === close) {
        err = fail(`A trailing comma is not allowed in JSON`);
        break;
      }
    }
    justOpened = false;
    if (top === "{") {
      ws();
      if (text[i] !== '"') {
        err = fail(i >= text.length ? 'The text ends inside an object: add "}"' : `Expected a property name in double quotes, found ${describe(i)}`);
        break;
      }
      err = string();
      if (err) break;
      ws();
      if (text[i] !== ":") {
        err = fail(`Expected ":" after the property name, found ${describe(i)}`);
        break;
      }
      i++;
    }
    const depth = stack.length;
    err = value();
    if (stack.length > depth) justOpened = true;
  }
  if (err) return err;
  ws();
  if (i < text.length) return fail(`Unexpected ${describe(i)} after the end of the JSON value`);
  return null;
}

/**
 * Where the value at a JSON pointer ("/properties/total/type") starts in a valid JSON text, for pointing at a
 * schema problem; the deepest place found when the pointer goes further than the text.
 */
export function pointerPosition(text: string, pointer: string): TextPosition | undefined {
  const segments = pointer ? pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return "";
    }
  };
  // Skips one value without recursion (brackets inside strings are skipped with the strings).
  const skipValue = () => {
    ws();
    let depth = 0;
    do {
      const c = text[i];
      if (c === '"') skipString();
      else {
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
        i++;
        if (depth === 0 && c !== "{" && c !== "[" && c !== "}" && c !== "]") {
          // A scalar: run to its end.
          while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
        }
      }
    } while (depth > 0 && i < text.length);
  };
  ws();
  let found = i;
  for (const segment of segments) {
    ws();
    const c = text[i];
    let hit = false;
    if (c === "{") {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const key = readString();
        ws();
        i++; // ':'
        ws();
        if (key === segment) {
          hit = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ",") i++;
        else break;
      }
    } else if (c === "[" && /^\d+$/.test(segment)) {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text[i] === "]") break;
        if (index === Number(segment)) {
          hit = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ",") i++;
        else break;
      }
    }
    if (!hit) break;
    ws();
    found = i;
  }
  return found < text.length ? positionAt(text, found) : undefined;
}
