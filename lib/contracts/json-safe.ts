// Helpers shared by the codecs: base64 without Node's Buffer (the codecs also run in the browser), value paths
// as people read them, and 64-bit integers as JSON-safe values.

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Standard or URL-safe base64, padded or not; null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  const normal = text.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal) || normal.replace(/=+$/, "").length % 4 === 1) return null;
  const padded = normal.replace(/=+$/, "").padEnd(Math.ceil(normal.replace(/=+$/, "").length / 4) * 4, "=");
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** ["lines", 0, "qty"] → "lines[0].qty". */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number" || /^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** A JSON pointer ("/lines/0/qty") as a path ("lines[0].qty"). */
export function pointerToPath(pointer: string): string {
  if (!pointer) return "";
  return formatPath(pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")));
}

/** A 64-bit integer as a number when a double holds it exactly, else as its decimal string. */
export function int64ToJson(value: string | number | bigint): number | string {
  const big = typeof value === "bigint" ? value : BigInt(typeof value === "number" ? Math.trunc(value) : value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
