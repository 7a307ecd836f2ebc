import { expect, type Browser, type Page } from "@playwright/test";
import { uniqueName } from "../fixtures";

// Users for the designer's role specs, made the way e2e/auth/roles.spec.ts makes them: the admin adds one on
// the Users page and grants a role on a cluster; the user signs in in a browser context of their own.

export const USER_PASSWORD = "a password for the e2e designer user";

/** A new local user with `role` on `cluster`, added by the signed-in admin on `admin`. */
export async function addUser(admin: Page, role: "viewer" | "editor" | "operator" | "admin", cluster = "local"): Promise<string> {
  const username = uniqueName(`e2e-${role}`);
  await admin.goto("/settings/users");
  const add = admin.getByRole("form", { name: "Add a user" });
  await add.getByLabel("New user name").fill(username);
  await add.getByLabel("New user password").fill(USER_PASSWORD);
  await add.getByRole("button", { name: "Add user" }).click();
  const row = admin.getByTestId(`user-row-${username}`);
  await expect(row).toContainText("no access yet");
  await row.getByLabel(`Cluster for ${username}`).selectOption({ label: cluster });
  await row.getByLabel(`Role for ${username}`).selectOption(role);
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row).toContainText(`${role} on ${cluster}`);
  return username;
}

/** Signs `username` in, in a fresh context of `browser` with the given window size; lands on /designs. */
export async function signInAs(browser: Browser, username: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  await page.goto("/designs");
  const form = page.getByRole("form", { name: "Sign in" });
  await expect(form.getByRole("button", { name: "Sign in" })).toBeEnabled(); // hydrated: what is typed now is kept
  await form.getByLabel("User name").fill(username);
  await form.getByLabel("Password").fill(USER_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/designs$/);
  return { context, page };
}
