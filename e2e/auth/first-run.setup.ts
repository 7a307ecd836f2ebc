import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../../playwright.config";
import { E2E_ADMIN } from "../fixtures";

// A new console has no users and no default password: every page leads to the first-run page, which creates
// the first admin and signs them in. Every other spec starts signed in as that admin.
setup("first run: create the first admin, who is then signed in", async ({ page }) => {
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Topiary" })).toBeVisible();

  const form = page.getByRole("form", { name: "Create the first admin" });
  // The button is enabled once React has hydrated the form: what is typed before could be lost.
  await expect(form.getByRole("button", { name: "Create admin and sign in" })).toBeEnabled();
  await form.getByLabel("User name").fill(E2E_ADMIN.username);
  await form.getByLabel(/^Password \(at least/).fill("short");
  await form.getByLabel("Password again").fill("short");
  await form.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(form.getByTestId("error-password")).toContainText("At least 12 characters");

  await form.getByLabel(/^Password \(at least/).fill(E2E_ADMIN.password);
  await form.getByLabel("Password again").fill(E2E_ADMIN.password);
  await form.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(E2E_ADMIN.username);

  // The first-run page is gone for good.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/clusters$/);

  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
