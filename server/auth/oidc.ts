import "server-only";
import crypto from "node:crypto";
import * as client from "openid-client";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from "@/lib/auth/safe-next-path";
import type { IdentityClaims } from "@/lib/auth/username-from-claims";
import { recordAudit } from "@/server/audit/record-audit";
import { authDisabled, oidcSettings, publicBaseUrl, type OidcSettings } from "@/server/config";
import { logger } from "@/server/log";
import { findOrCreateOidcUser } from "./find-or-create-oidc-user";
import { clearFlowCookie, flowCookie, OIDC_FLOW_COOKIE, openFlow, requestCookie, sealFlow, setCookie, type OidcFlow } from "./oidc-cookies";
import { createSession, SESSION_COOKIE, sessionCookieOptions } from "./sessions";

// Sign-in with any OpenID Connect provider, through openid-client (certified relying party): discovery, the
// authorization code flow with PKCE (S256), state and nonce, the ID token checked by the library, and the
// userinfo endpoint when the ID token names nobody.

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
const SCOPE = "openid profile email";

/** The provider's name for the sign-in button (OIDC_NAME, else "single sign-on"); null when not configured. */
export function oidcProviderName(): string | null {
  return oidcSettings()?.name ?? null;
}

/** What a route answers: a redirect and the cookies to set with it. */
export interface OidcRedirect {
  location: string;
  cookies: string[];
}

// Discovery once per process (per settings); a failed discovery is forgotten so the next sign-in tries again.
let discovered: { key: string; config: Promise<client.Configuration> } | null = null;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

async function discover(s: OidcSettings): Promise<client.Configuration> {
  // Plain http only for a provider on this machine (a developer's Keycloak); anywhere else openid-client insists on https.
  const insecure = s.issuer.protocol === "http:" && LOOPBACK.has(s.issuer.hostname);
  const found = await client.discovery(s.issuer, s.clientId, s.clientSecret, undefined, { timeout: 10, execute: insecure ? [client.allowInsecureRequests] : [] });
  const meta = found.serverMetadata();
  // client_secret_basic is the OpenID Connect default (and what most providers register); post when that is all the provider takes.
  const methods = meta.token_endpoint_auth_methods_supported;
  const auth = !methods || methods.includes("client_secret_basic") ? client.ClientSecretBasic(s.clientSecret) : client.ClientSecretPost(s.clientSecret);
  const config = new client.Configuration(meta, s.clientId, s.clientSecret, auth);
  config.timeout = 10;
  if (insecure) client.allowInsecureRequests(config);
  return config;
}

function clientConfig(s: OidcSettings): Promise<client.Configuration> {
  const key = crypto.createHash("sha256").update(JSON.stringify([s.issuer.href, s.clientId, s.clientSecret])).digest("hex");
  if (discovered?.key !== key) {
    const config = discover(s);
    discovered = { key, config };
    config.catch(() => {
      if (discovered?.config === config) discovered = null;
    });
  }
  return discovered.config;
}

/** The console's origin as the browser sees it: TOPIARY_PUBLIC_URL, else the request's (honouring a proxy's forwarded headers). */
function consoleBase(request: Request): string {
  const configured = publicBaseUrl();
  if (configured) return configured;
  const url = new URL(request.url);
  const first = (h: string) => request.headers.get(h)?.split(",")[0]?.trim() || null;
  const proto = first("x-forwarded-proto");
  const host = first("x-forwarded-host") ?? first("host");
  try {
    return new URL(`${proto === "https" || proto === "http" ? proto : url.protocol.slice(0, -1)}://${host ?? url.host}`).origin;
  } catch {
    return url.origin;
  }
}

const signInPage = (message: string, next: string = DEFAULT_AFTER_SIGN_IN) =>
  `/sign-in?error=${encodeURIComponent(message)}${next !== DEFAULT_AFTER_SIGN_IN ? `&next=${encodeURIComponent(next)}` : ""}`;

const MESSAGES = {
  notConfigured: "Single sign-on is not set up on this console.",
  unreachable: "The identity provider could not be reached. Try again later.",
  expired: "The sign-in took too long or was started in another browser. Try again.",
  mismatch: "The identity provider's answer did not match this sign-in. Try again.",
  denied: "Sign-in was cancelled or denied at the identity provider.",
  disabled: "This account is disabled.",
  failed: "Sign-in with the identity provider failed. Try again, or ask an admin to look at the server log.",
};

/** Starts a sign-in: a redirect to the provider, with the flow's checks sealed in a cookie. */
export async function beginOidcSignIn(request: Request, next: string | undefined): Promise<OidcRedirect> {
  const nextPath = safeNextPath(next);
  if (authDisabled()) return { location: nextPath, cookies: [] };
  const s = oidcSettings();
  if (!s) return { location: signInPage(MESSAGES.notConfigured, nextPath), cookies: [] };
  let config: client.Configuration;
  try {
    config = await clientConfig(s);
  } catch (e) {
    logger.warn("OpenID Connect discovery failed", { issuer: s.issuer.href, error: e });
    return { location: signInPage(MESSAGES.unreachable, nextPath), cookies: [] };
  }
  const redirectUri = `${consoleBase(request)}${OIDC_CALLBACK_PATH}`;
  const flow: OidcFlow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    redirectUri,
    next: nextPath,
    issuer: s.issuer.href,
    clientId: s.clientId,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    response_type: "code",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
  });
  return { location: url.href, cookies: [flowCookie(sealFlow(flow, s.clientSecret), redirectUri.startsWith("https:"))] };
}

/** A refusal whose reason is safe to show and to audit. */
class SignInRefused extends Error {
  constructor(
    readonly userMessage: string,
    readonly reason: string,
    readonly who?: { userId: string; username: string },
  ) {
    super(reason);
  }
}

/** The short reason (for the log and the audit record) and the message for the browser of a failed exchange. */
function describeFailure(e: unknown): { reason: string; userMessage: string } {
  if (e instanceof SignInRefused) return { reason: e.reason, userMessage: e.userMessage };
  if (e instanceof client.ResponseBodyError) return { reason: `token endpoint refused: ${e.error}`, userMessage: MESSAGES.failed };
  const name = (e as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError" || (e instanceof TypeError && /fetch failed/i.test(e.message))) {
    return { reason: "identity provider unreachable", userMessage: MESSAGES.unreachable };
  }
  if (e instanceof client.ClientError && /RESPONSE_IS_NOT_(CONFORM|JSON)/.test(e.code ?? "")) {
    return { reason: `unexpected answer from the identity provider (${e.code})`, userMessage: MESSAGES.unreachable };
  }
  return { reason: `${(e as Error)?.name ?? "error"}: ${(e as Error)?.message ?? String(e)}`.slice(0, 300), userMessage: MESSAGES.failed };
}

/** An OAuth error code from the provider, kept short and plain for the audit record. */
const errorCode = (v: string | null) => (v ?? "").replace(/[^A-Za-z0-9_.-]/g, "").slice(0, 60) || "error";

/**
 * Finishes a sign-in on the provider's redirect back: checks the flow, exchanges the code, finds or creates the
 * user, opens a session. Every outcome of a flow started in this browser is audited; an answer without a valid
 * flow cookie (expired, or not started here) is only logged, so stray requests cannot fill the audit log.
 */
export async function completeOidcSignIn(request: Request): Promise<OidcRedirect> {
  const s = oidcSettings();
  const flow = s ? openFlow(requestCookie(request, OIDC_FLOW_COOKIE), s.clientSecret) : null;
  const secure = flow ? flow.redirectUri.startsWith("https:") : new URL(request.url).protocol === "https:";
  const clear = clearFlowCookie(secure);
  if (authDisabled()) return { location: "/", cookies: [clear] };
  if (!s) return { location: signInPage(MESSAGES.notConfigured), cookies: [clear] };
  if (!flow || flow.issuer !== s.issuer.href || flow.clientId !== s.clientId) {
    logger.warn("OpenID Connect callback without a valid sign-in in flight", { hasCookie: requestCookie(request, OIDC_FLOW_COOKIE) !== null });
    return { location: signInPage(MESSAGES.expired), cookies: [clear] };
  }

  let claims: IdentityClaims | null = null;
  try {
    const params = new URL(request.url).searchParams;
    if (params.get("state") !== flow.state) throw new SignInRefused(MESSAGES.mismatch, "state does not match");
    if (params.has("error")) throw new SignInRefused(MESSAGES.denied, `identity provider answered ${errorCode(params.get("error"))}`);

    const config = await clientConfig(s);
    // The token request must name the redirect URI the flow began with, whatever host this request came in on.
    const current = new URL(flow.redirectUri);
    current.search = params.toString();
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken?.sub) throw new SignInRefused(MESSAGES.failed, "ID token without a subject");
    claims = { ...idToken, sub: idToken.sub };
    if (!claims.preferred_username && !claims.email && !claims.name && config.serverMetadata().userinfo_endpoint) {
      // Many providers put profile claims in userinfo only (the ID token then holds just the subject).
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        claims = { ...info, sub: idToken.sub };
      } catch (e) {
        logger.warn("OpenID Connect userinfo failed; signing in with the ID token's claims", { error: e });
      }
    }

    const { user } = await findOrCreateOidcUser(config.serverMetadata().issuer, claims, s.defaultRole);
    if (user.disabled) throw new SignInRefused(MESSAGES.disabled, "account disabled", { userId: user.id, username: user.username });
    const session = await createSession(user.id);
    await recordAudit({ userId: user.id, username: user.username, action: "auth.sign-in", outcome: "succeeded", detail: "OpenID Connect" });
    const o = sessionCookieOptions(session.expiresAt, secure);
    return { location: flow.next, cookies: [clear, setCookie(SESSION_COOKIE, session.token, o)] };
  } catch (e) {
    const { reason, userMessage } = describeFailure(e);
    const who = e instanceof SignInRefused ? e.who : undefined;
    logger.warn("OpenID Connect sign-in failed", { reason });
    await recordAudit({
      userId: who?.userId ?? null,
      username: who?.username ?? (typeof claims?.preferred_username === "string" ? claims.preferred_username : claims?.sub) ?? "anonymous",
      action: "auth.sign-in",
      outcome: "failed",
      detail: `OpenID Connect: ${reason}`,
    });
    return { location: signInPage(userMessage, flow.next), cookies: [clear] };
  }
}
