// Where to go after sign-in: only a path on this console, never another site (no open redirect). Pure.

const BASE = "http://topiary.invalid";

/** The same-origin path (with query and fragment) named by `next`, or "/" for anything else. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith("/")) return "/";
  // "//host" and "/\host" are protocol-relative to browsers; control characters can hide either.
  if (next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f\u007f]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
