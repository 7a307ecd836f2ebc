// Where to go after sign-in: only a path on this console, never another site (no open redirect). Pure.
//
// The rule: resolve `next` against the console's own origin and accept it only when the result is on that
// origin, and when the path handed back, resolved again the way a browser will, is still on it (`/.//host`
// normalises to `//host`, which a browser reads as another host). Backslashes, whitespace and control
// characters, raw anywhere or percent-encoded in the path, are refused outright: browsers and proxies disagree about them.

const BASE = "http://topiary.invalid";
/** Where a sign-in goes when `next` is missing or refused: the first page, without the extra redirect of "/". */
export const DEFAULT_AFTER_SIGN_IN = "/clusters";

function decodedFully(s: string): string | null {
  let current = s;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

const UNSAFE = /[\\\s\u0000-\u001f\u007f]/;

const sameOrigin = (path: string) => {
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
};

/** The same-origin path (with query and fragment) named by `next`, or the default page for anything else. */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!next || next.length > 2000 || !next.startsWith("/") || UNSAFE.test(next)) return fallback;
  // The path part, decoded: a query may hold encoded spaces, a path may not hide slashes or backslashes.
  const decoded = decodedFully(next.split(/[?#]/, 1)[0]);
  if (decoded === null || UNSAFE.test(decoded) || decoded.startsWith("//")) return fallback;
  if (!sameOrigin(next)) return fallback;
  const url = new URL(next, BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || !sameOrigin(path)) return fallback;
  const decodedPath = decodedFully(url.pathname);
  if (decodedPath === null || decodedPath.startsWith("//")) return fallback;
  // "/" itself only redirects on: go straight to where it leads.
  return path === "/" ? fallback : path;
}
