// Sign-in with OpenID Connect against a real provider: panva's oidc-provider (a certified OpenID Provider) on a
// random local port, driven like a browser would (redirects followed by hand, its cookies kept), with the login
// and consent steps answered programmatically through its interaction API. The console's routes are called
// directly, as Next.js would, on a dummy origin (http://console.test).
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-next-path";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type InteractionResults } from "oidc-provider";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as callbackRoute } from "@/app/api/auth/oidc/callback/route";
import { GET as startRoute } from "@/app/api/auth/oidc/start/route";
import { SESSION_COOKIE, userForToken } from "@/server/auth/sessions";
import { prisma } from "@/server/db/prisma";
import { unique } from "@/server/test-support/fixtures";

const CONSOLE = "http://console.test";
const REDIRECT_URI = `${CONSOLE}/api/auth/oidc/callback`;
const CLIENT_ID = "topiary-console";
const CLIENT_SECRET = "a-client-secret-for-tests-only-0123456789";

type Account = { preferred_username?: string; email?: string; name?: string };
const accounts = new Map<string, Account>();
/** Who logs in at the provider next; null: the user cancels there. */
let loginAs: string | null = null;

let server: http.Server;
let issuer: string;
const savedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = ["AUTH_DISABLED", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "OIDC_DEFAULT_ROLE", "TOPIARY_PUBLIC_URL"];

async function startProvider() {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email"], profile: ["name", "preferred_username"] },
    findAccount: async (_ctx, id) => {
      const a = accounts.get(id);
      return a ? { accountId: id, claims: async () => ({ sub: id, ...a }) } : undefined;
    },
    // The console must send PKCE; a provider that requires it proves it does.
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["oidc-test-cookie-key"] },
    jwks: { keys: [{ ...crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), use: "sig", kid: "test" }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return void handle(req, res);
    // The login and consent pages, answered at once for `loginAs`.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      let result: InteractionResults;
      if (loginAs === null) {
        result = { error: "access_denied", error_description: "the user cancelled" };
      } else if (details.prompt.name === "login") {
        result = { login: { accountId: loginAs } };
      } else {
        const grant = details.grantId
          ? (await provider.Grant.find(details.grantId))!
          : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        result = { consent: { grantId: await grant.save() } };
      }
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    })().catch((e) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
}

/** Follows the provider's redirects like a browser (keeping its cookies) until it sends the browser back to the console. */
async function browseProvider(url: string, jar: Map<string, string>): Promise<string> {
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(CONSOLE)) return url;
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      const eq = pair.indexOf("=");
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`the provider did not redirect from ${url}: ${res.status} ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error("too many redirects at the provider");
}

const ctx = { params: Promise.resolve({}) };

/** The cookie `name` from a response's Set-Cookie headers: its value and attributes. */
function cookieOf(res: Response, name: string): { value: string; attrs: string } | null {
  const c = res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
  if (!c) return null;
  const [pair, ...attrs] = c.split(";");
  return { value: decodeURIComponent(pair.slice(name.length + 1)), attrs: attrs.join(";") };
}

/** A whole sign-in: the start route, the provider, then (optionally changed) the callback route. */
async function signIn(opts: { next?: string; editCallback?: (url: URL) => void } = {}) {
  const start = await startRoute(new Request(`${CONSOLE}/api/auth/oidc/start${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ""}`), ctx);
  expect(start.status).toBe(303);
  const flow = cookieOf(start, "topiary_oidc");
  expect(flow).not.toBeNull();
  const authorizationUrl = new URL(start.headers.get("location")!);
  const callbackUrl = new URL(await browseProvider(authorizationUrl.href, new Map()));
  opts.editCallback?.(callbackUrl);
  const callback = await callbackRoute(new Request(callbackUrl, { headers: { cookie: `topiary_oidc=${encodeURIComponent(flow!.value)}` } }), ctx);
  return { start, flow: flow!, authorizationUrl, callbackUrl, callback, location: callback.headers.get("location") ?? "" };
}

const lastAudit = (action: string) => prisma.auditRecord.findFirst({ where: { action }, orderBy: { id: "desc" } });

function newAccount(a: Account = {}): string {
  const sub = unique("sub");
  const login = unique("ada");
  accounts.set(sub, { preferred_username: login, email: `${login}@example.com`, name: "Ada Lovelace", ...a });
  return sub;
}

beforeAll(async () => {
  for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
  await startProvider();
});

beforeEach(() => {
  process.env.AUTH_DISABLED = "false";
  process.env.OIDC_ISSUER = issuer;
  process.env.OIDC_CLIENT_ID = CLIENT_ID;
  process.env.OIDC_CLIENT_SECRET = CLIENT_SECRET;
  process.env.OIDC_DEFAULT_ROLE = "viewer";
  delete process.env.OIDC_NAME;
  delete process.env.TOPIARY_PUBLIC_URL;
});

afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  await new Promise((resolve) => server?.close(resolve));
});

describe("sign-in with OpenID Connect", () => {
  it("signs a new user in through the provider: user, role, session cookie, audit", async () => {
    const sub = (loginAs = newAccount());
    const { authorizationUrl, flow, callback, location } = await signIn({ next: "/clusters?tab=lag" });

    // The authorization request: to the discovered endpoint, with PKCE (S256), state and nonce.
    expect(authorizationUrl.origin).toBe(issuer);
    const q = authorizationUrl.searchParams;
    expect(q.get("client_id")).toBe(CLIENT_ID);
    expect(q.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("scope")).toContain("openid");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("state")?.length).toBeGreaterThanOrEqual(20);
    expect(q.get("nonce")?.length).toBeGreaterThanOrEqual(20);
    // The flow cookie is sealed: neither the state nor the verifier can be read from it.
    expect(flow.attrs).toMatch(/HttpOnly/);
    expect(flow.attrs).toMatch(/SameSite=Lax/i);
    expect(flow.attrs).toMatch(/Max-Age=600/);
    expect(flow.value).not.toContain(q.get("state")!);

    expect(callback.status).toBe(303);
    expect(location).toBe("/clusters?tab=lag");
    const session = cookieOf(callback, SESSION_COOKIE);
    expect(session).not.toBeNull();
    expect(session!.attrs).toMatch(/HttpOnly/);
    expect(session!.attrs).toMatch(/SameSite=Lax/i);
    expect(session!.attrs).toMatch(/Path=\//);
    expect(session!.attrs).not.toMatch(/Secure/); // http://console.test
    expect(cookieOf(callback, "topiary_oidc")?.attrs).toMatch(/Max-Age=0/);

    const user = await prisma.user.findUniqueOrThrow({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: sub } }, include: { grants: true } });
    // The profile came from the userinfo endpoint (this provider keeps the ID token to the subject).
    expect(user.username).toBe(accounts.get(sub)!.preferred_username);
    expect(user.displayName).toBe("Ada Lovelace");
    expect(user.passwordHash).toBeNull();
    expect(user.grants.map((g) => ({ clusterId: g.clusterId, role: g.role }))).toEqual([{ clusterId: null, role: "viewer" }]);
    expect((await userForToken(session!.value))?.id).toBe(user.id);

    const audit = await lastAudit("auth.sign-in");
    expect(audit).toMatchObject({ userId: user.id, username: user.username, outcome: "succeeded", detail: "OpenID Connect" });
    expect(await lastAudit("user.create")).toMatchObject({ userId: user.id, target: user.username, outcome: "succeeded" });
  });

  it("reuses the user on the next sign-in, and follows no `next` off the console", async () => {
    const sub = (loginAs = newAccount());
    const first = await signIn();
    expect(first.location).toBe(DEFAULT_AFTER_SIGN_IN);
    process.env.OIDC_DEFAULT_ROLE = "admin"; // only a first sign-in gets the default role
    const second = await signIn({ next: "//evil.example/phish" });
    expect(second.location).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(cookieOf(second.callback, SESSION_COOKIE)?.value).not.toBe(cookieOf(first.callback, SESSION_COOKIE)?.value);

    const users = await prisma.user.findMany({ where: { oidcSubject: sub }, include: { grants: true, sessions: true } });
    expect(users).toHaveLength(1);
    expect(users[0].sessions).toHaveLength(2);
    expect(users[0].grants.map((g) => g.role)).toEqual(["viewer"]);
  });

  it("never signs an identity into a local account of the same name: it gets a name of its own", async () => {
    const name = unique("bob");
    const local = await prisma.user.create({ data: { username: name, displayName: "Local Bob", passwordHash: "x" } });
    process.env.OIDC_DEFAULT_ROLE = "";
    const sub = (loginAs = newAccount({ preferred_username: name }));
    const { location } = await signIn();
    expect(location).toBe(DEFAULT_AFTER_SIGN_IN);
    const user = await prisma.user.findUniqueOrThrow({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: sub } }, include: { grants: true } });
    expect(user.id).not.toBe(local.id);
    expect(user.username).toBe(`${name}-2`);
    expect(user.grants).toEqual([]);
  });

  it("refuses an answer whose state does not match, and audits it", async () => {
    const sub = (loginAs = newAccount());
    const { callback, location } = await signIn({ editCallback: (u) => u.searchParams.set("state", "forged-state") });
    expect(callback.status).toBe(303);
    expect(location).toMatch(/^\/sign-in\?error=/);
    expect(decodeURIComponent(location)).toContain("did not match");
    expect(cookieOf(callback, SESSION_COOKIE)).toBeNull();
    expect(await prisma.user.count({ where: { oidcSubject: sub } })).toBe(0);
    expect(await lastAudit("auth.sign-in")).toMatchObject({ outcome: "failed", detail: "OpenID Connect: state does not match" });
  });

  it("refuses a code used twice (the provider does) and a callback without the flow cookie", async () => {
    loginAs = newAccount();
    const { callbackUrl, flow } = await signIn();
    const replay = await callbackRoute(new Request(callbackUrl, { headers: { cookie: `topiary_oidc=${encodeURIComponent(flow.value)}` } }), ctx);
    expect(replay.headers.get("location")).toMatch(/^\/sign-in\?error=/);
    expect(cookieOf(replay, SESSION_COOKIE)).toBeNull();
    expect((await lastAudit("auth.sign-in"))?.detail).toMatch(/invalid_grant/);

    const before = await prisma.auditRecord.count();
    const stray = await callbackRoute(new Request(callbackUrl), ctx);
    expect(decodeURIComponent(stray.headers.get("location")!)).toContain("took too long");
    expect(cookieOf(stray, SESSION_COOKIE)).toBeNull();
    expect(await prisma.auditRecord.count()).toBe(before);
  });

  it("sends the user back to the sign-in page when they cancel at the provider", async () => {
    loginAs = null;
    const { callbackUrl, location, callback } = await signIn({ next: "/designs" });
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    expect(location).toBe(`/sign-in?error=${encodeURIComponent("Sign-in was cancelled or denied at the identity provider.")}&next=${encodeURIComponent("/designs")}`);
    expect(cookieOf(callback, SESSION_COOKIE)).toBeNull();
    expect(await lastAudit("auth.sign-in")).toMatchObject({ outcome: "failed", detail: "OpenID Connect: identity provider answered access_denied" });
  });

  it("refuses a disabled user", async () => {
    const sub = (loginAs = newAccount());
    await signIn();
    await prisma.user.update({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: sub } }, data: { disabled: true } });
    const { callback, location } = await signIn();
    expect(decodeURIComponent(location)).toContain("This account is disabled.");
    expect(cookieOf(callback, SESSION_COOKIE)).toBeNull();
    expect(await lastAudit("auth.sign-in")).toMatchObject({ outcome: "failed", detail: "OpenID Connect: account disabled" });
  });

  it("uses TOPIARY_PUBLIC_URL for the redirect URI, and says so plainly when the provider is down", async () => {
    process.env.TOPIARY_PUBLIC_URL = "https://kafka.example.com/";
    const start = await startRoute(new Request("http://10.0.0.5:3000/api/auth/oidc/start"), ctx);
    expect(new URL(start.headers.get("location")!).searchParams.get("redirect_uri")).toBe("https://kafka.example.com/api/auth/oidc/callback");
    expect(cookieOf(start, "topiary_oidc")!.attrs).toMatch(/Secure/);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env.OIDC_ISSUER = `http://127.0.0.1:${port}`;
    const down = await startRoute(new Request(`${CONSOLE}/api/auth/oidc/start`), ctx);
    expect(down.status).toBe(303);
    expect(down.headers.get("location")).toBe(`/sign-in?error=${encodeURIComponent("The identity provider could not be reached. Try again later.")}`);
    expect(cookieOf(down, "topiary_oidc")).toBeNull();
  });

  it("says single sign-on is not set up when it is not", async () => {
    delete process.env.OIDC_ISSUER;
    const res = await startRoute(new Request(`${CONSOLE}/api/auth/oidc/start`), ctx);
    expect(decodeURIComponent(res.headers.get("location")!)).toContain("not set up");
  });
});
