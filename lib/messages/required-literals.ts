// A byte-level prefilter for expressions: `value.a.b == "text"` (alone or joined by &&) can only be true when
// the raw JSON holds "text" verbatim, unless the JSON escapes characters (then a backslash is in the bytes).
// So a message whose bytes have neither the quoted literal nor a backslash is skipped without parsing it.

interface AstNode {
  op: string;
  args: unknown;
}

function isNode(x: unknown): x is AstNode {
  return !!x && typeof x === "object" && "op" in x;
}

/** True for value.x, value.x.y, value["x"]…: a field inside the JSON value (not the value itself). */
function isValueField(n: unknown): boolean {
  if (!isNode(n) || (n.op !== "." && n.op !== "[]")) return false;
  const [target, key] = n.args as [unknown, unknown];
  if (n.op === "[]" && !(isNode(key) && key.op === "value" && typeof key.args === "string")) return false;
  if (isNode(target) && target.op === "id") return target.args === "value";
  return isValueField(target);
}

function stringLiteral(n: unknown): string | null {
  return isNode(n) && n.op === "value" && typeof n.args === "string" ? n.args : null;
}

/**
 * JSON string literals (with their quotes) that a value must contain for the expression to be true. For values
 * decoded with a schema (Avro and Protobuf hold strings as raw UTF-8, unquoted), `quoted` false gives them bare.
 */
export function requiredValueLiterals(ast: unknown, quoted = true): string[] {
  if (!isNode(ast)) return [];
  if (ast.op === "&&") return (ast.args as unknown[]).flatMap((a) => requiredValueLiterals(a, quoted));
  if (ast.op === "==") {
    const [a, b] = ast.args as [unknown, unknown];
    const lit = stringLiteral(a) ?? stringLiteral(b);
    const field = stringLiteral(a) !== null ? b : a;
    if (lit !== null && lit.length > 0 && isValueField(field)) return [quoted ? JSON.stringify(lit) : lit];
  }
  return [];
}
