import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE } from "../../playwright.config";
import { uniqueName } from "../fixtures";

// Server actions keep Next's own checks: a POST whose Origin is another site is refused before the action runs,
// and a body over the bound (next.config.js: 4 MB) is refused. The sign-in action is a public one that leaves a
// trace when it runs: a failed sign-in in the audit log. A real request from the sign-in page gives its action id
// and body format; the test then replays it with other origins and bodies.

test.use({ storageState: { cookies: [], origins: [] } });

const MB = 1024 * 1024;

let admin: APIRequestContext;
test.beforeAll(async ({ baseURL }) => {
  admin = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
});
test.afterAll(async () => {
  await admin.dispose();
});

/** How many sign-in attempts under this user name the audit log holds (read as the admin). */
async function signInAttempts(username: string): Promise<number> {
  const res = await admin.get(`/api/audit?user=${encodeURIComponent(username)}&action=auth.sign-in`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { matched: number }).matched;
}

test("a server action replayed from another origin is refused and does not run; from the console's origin it runs", async ({ page, request, baseURL }) => {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await expect(form.getByRole("button", { name: "Sign in" })).toBeEnabled(); // hydrated: what is typed now is kept
  const typed = uniqueName("nobody");
  await form.getByLabel("User name").fill(typed);
  await form.getByLabel("Password").fill("not the password");
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    form.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(form.getByRole("alert")).toHaveText("Wrong user name or password.");
  await expect.poll(() => signInAttempts(typed)).toBe(1);

  // What the browser sent: the action's id, and its arguments as JSON text.
  const headers = sent.headers();
  const args = JSON.parse(sent.postData() ?? "null") as [{ username: string; password: string }];
  expect(args[0]).toEqual({ username: typed, password: "not the password" });
  const replay = (origin: string, arg: Record<string, unknown>) =>
    request.post(sent.url(), {
      headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component", origin },
      data: JSON.stringify([arg]),
      maxRedirects: 0,
    });
  const own = new URL(baseURL!).origin;

  const evil = uniqueName("nobody");
  const refused = await replay("http://evil.example", { username: evil, password: "not the password" });
  expect(refused.ok()).toBe(false);
  expect(refused.status()).toBe(500); // Next aborts the action ("Invalid Server Actions request")
  expect(refused.headers()["set-cookie"]).toBeUndefined();
  expect(await refused.text()).not.toContain("Wrong user name or password");

  // Same request, the console's own origin: the action runs (and records the failed sign-in).
  const same = uniqueName("nobody");
  const accepted = await replay(own, { username: same, password: "not the password" });
  expect(accepted.status()).toBe(200);
  expect(await accepted.text()).toContain("Wrong user name or password.");
  await expect.poll(() => signInAttempts(same)).toBe(1);
  // Checked after the accepted one was recorded: the refused one never wrote anything.
  expect(await signInAttempts(evil)).toBe(0);
});

test("a server action body over 4 MB is refused before the action runs; one under it is read", async ({ page, request, baseURL }) => {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await expect(form.getByRole("button", { name: "Sign in" })).toBeEnabled(); // hydrated: what is typed now is kept
  await form.getByLabel("User name").fill(uniqueName("nobody"));
  await form.getByLabel("Password").fill("not the password");
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    form.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(form.getByRole("alert")).toBeVisible();
  const headers = sent.headers();
  const own = new URL(baseURL!).origin;
  // Padding in a field the action's schema drops, so the arguments stay valid and the action would run.
  const post = (username: string, padBytes: number) =>
    request.post(sent.url(), {
      headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component", origin: own },
      data: JSON.stringify([{ username, password: "not the password", pad: "x".repeat(padBytes) }]),
      maxRedirects: 0,
    });

  const under = uniqueName("nobody");
  const read = await post(under, 3.5 * MB);
  expect(read.status()).toBe(200);
  expect(await read.text()).toContain("Wrong user name or password.");
  await expect.poll(() => signInAttempts(under)).toBe(1);

  const over = uniqueName("nobody");
  const tooLarge = await post(over, 4.5 * MB);
  // Next 16 answers a fetch action whose body is too large with 500 ("Body exceeded 4mb limit"), not 413.
  expect(tooLarge.status()).toBeGreaterThanOrEqual(400);
  expect(await tooLarge.text()).not.toContain("Wrong user name or password");
  expect(await signInAttempts(over)).toBe(0);
});
