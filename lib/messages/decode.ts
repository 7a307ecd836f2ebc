// How a key, value or header is shown: JSON, UTF-8 text, or binary (base64; the browser can show hex).

export interface DecodedPayload {
  encoding: "json" | "text" | "binary";
  /** The text (JSON as sent), or base64 for binary; cut at the display limit when `truncated`. */
  data: string;
  size: number;
  truncated: boolean;
}

export const DISPLAY_LIMIT = 16 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Valid UTF-8 without control characters other than whitespace reads as text. */
function asText(bytes: Uint8Array): string | null {
  try {
    const s = decoder.decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f]/.test(s) ? null : s;
  } catch {
    return null;
  }
}

export function decodePayload(bytes: Uint8Array | null, limit = DISPLAY_LIMIT): DecodedPayload | null {
  if (bytes === null) return null;
  const text = asText(bytes);
  if (text === null) {
    const cut = bytes.length > limit;
    const slice = cut ? bytes.subarray(0, limit) : bytes;
    return { encoding: "binary", data: bytesToBase64(slice), size: bytes.length, truncated: cut };
  }
  const trimmed = text.trimStart();
  let encoding: DecodedPayload["encoding"] = "text";
  if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && !(text.length > limit)) {
    try {
      JSON.parse(text);
      encoding = "json";
    } catch {
      encoding = "text";
    }
  } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    encoding = "json"; // too large to check here; the full value is checked when expanded
  }
  const cut = text.length > limit;
  return { encoding, data: cut ? text.slice(0, limit) : text, size: bytes.length, truncated: cut };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToHex(b64: string): string {
  const bin = atob(b64);
  let out = "";
  for (let i = 0; i < bin.length; i++) out += bin.charCodeAt(i).toString(16).padStart(2, "0") + (i % 16 === 15 ? "\n" : " ");
  return out.trim();
}

/** Pretty JSON when it parses, the text as is otherwise. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
