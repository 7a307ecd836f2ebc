// A short, stable hash of JSON-like data (object keys sorted), computed the same way in the browser and on
// the server. FNV-1a over the canonical JSON, twice with different seeds: enough to tell two plans apart.

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function stableHash(value: unknown): string {
  const text = canonical(value);
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x2c9277b5);
}
