import "server-only";
import crypto from "node:crypto";

// The OpenID Connect sign-in keeps what it must check on the way back (state, nonce, PKCE verifier, redirect URI,
// where to go next) in the browser, in a short-lived cookie sealed with AES-256-GCM: nothing is stored on the
// server, a restart or a second server process does not lose a sign-in in flight, and the browser can neither
// read nor change it. The key is derived (HKDF) from the client secret, the one secret the console already has
// for this provider; changing the secret voids the sign-ins in flight, which is harmless.

export const OIDC_FLOW_COOKIE = "topiary_oidc";
const MAX_AGE_S = 600;

export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  next: string;
  /** The settings the flow began with: a flow from other settings is void. */
  issuer: string;
  clientId: string;
}

const keyFor = (secret: string) => Buffer.from(crypto.hkdfSync("sha256", secret, "topiary", "oidc flow cookie v1", 32));

export function sealFlow(flow: OidcFlow, secret: string, now = Date.now()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...flow, at: now }), "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The flow sealed in `value`; null when it is missing, altered, sealed with another secret, or older than 10 minutes. */
export function openFlow(value: string | null, secret: string, now = Date.now()): OidcFlow | null {
  if (!value || value.length > 8000) return null;
  try {
    const raw = Buffer.from(value, "base64url");
    if (raw.length < 12 + 16 + 2) return null;
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    const { at, ...flow } = JSON.parse(text) as OidcFlow & { at: number };
    if (typeof at !== "number" || now - at > MAX_AGE_S * 1000 || now < at - 60_000) return null;
    return flow;
  } catch {
    return null;
  }
}

/** One cookie of the request, or null. */
export function requestCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

interface CookieOptions {
  httpOnly: boolean;
  sameSite: "lax" | "strict";
  secure: boolean;
  path: string;
  expires?: Date;
  maxAge?: number;
}

/** A Set-Cookie header value. */
export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path}`,
    o.expires ? `Expires=${o.expires.toUTCString()}` : null,
    o.maxAge !== undefined ? `Max-Age=${o.maxAge}` : null,
    o.httpOnly ? "HttpOnly" : null,
    o.secure ? "Secure" : null,
    `SameSite=${o.sameSite === "lax" ? "Lax" : "Strict"}`,
  ]
    .filter(Boolean)
    .join("; ");
}

/** The flow cookie: HTTP-only, SameSite=Lax (the provider's redirect back is a top-level GET from another site). */
export const flowCookie = (sealed: string, secure: boolean) =>
  setCookie(OIDC_FLOW_COOKIE, sealed, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: MAX_AGE_S });
export const clearFlowCookie = (secure: boolean) => setCookie(OIDC_FLOW_COOKIE, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });

/** A 303 redirect to `location` (a path on this console or the provider's URL) setting the given cookies. */
export function redirectWithCookies(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}
