import { expect, test, type Browser } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { E2E_ADMIN, kafkaBrokers, uniqueName } from "../fixtures";
import { DesignerPage } from "../designer/designer.page";

const PASSWORD = "a password for the e2e user";

async function signInAs(browser: Browser, username: string, password = PASSWORD) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/designs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdesigns$/);
  const form = page.getByRole("form", { name: "Sign in" });
  await expect(form.getByRole("button", { name: "Sign in" })).toBeEnabled(); // hydrated: what is typed now is kept
  await form.getByLabel("User name").fill(username);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  return { context, page };
}

const topicExists = async (topic: string) => {
  const admin = new Kafka({ brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
};

test("an admin adds a user with a role per cluster; the UI hides Apply from a viewer, and the server refuses it when forced", async ({ page, browser }) => {
  // As the admin: a design bound to "local" with one topic to create.
  const d = new DesignerPage(page);
  const designId = await d.createBlank();
  const topic = uniqueName("e2e.roles");
  await page.getByTestId("palette-topic").click();
  await d.props().getByLabel("Topic name").fill(topic);
  await d.waitSaved();
  await page.getByLabel("Bound cluster").selectOption({ label: "local" });
  await d.waitSaved();

  // A new local user, admin on "local" for now.
  const username = uniqueName("e2e-user");
  await page.goto("/settings/users");
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("New user name").fill(username);
  await add.getByLabel("New user password").fill(PASSWORD);
  await add.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId(`user-row-${username}`);
  await expect(row).toContainText("no access yet");
  await row.getByLabel(`Cluster for ${username}`).selectOption({ label: "local" });
  await row.getByLabel(`Role for ${username}`).selectOption("admin");
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row).toContainText("admin on local");

  // Wrong password first: refused, with no hint which part was wrong.
  const wrong = await signInAs(browser, username, "not the password at all");
  await expect(wrong.page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong user name or password.");
  await wrong.context.close();

  // The user signs in and opens the plan: Apply is there for an admin on "local".
  const user = await signInAs(browser, username);
  await expect(user.page).toHaveURL(/\/designs$/);
  await expect(user.page.getByTestId("signed-in-as")).toHaveText(username);
  await user.page.goto(`/designs/${designId}/plan`);
  const apply = user.page.getByRole("button", { name: "Apply 1 change" });
  await expect(apply).toBeVisible();

  // Meanwhile the admin makes them an editor on "local" (editors plan, admins apply); their open page still
  // shows Apply. Forcing it is refused.
  await row.getByLabel(`Role for ${username}`).selectOption("editor");
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row).toContainText("editor on local");
  await apply.click();
  await expect(user.page.getByText("You need the admin role on this cluster to do this.")).toBeVisible();
  expect(await topicExists(topic)).toBe(false);

  // Reloaded, the page no longer offers Apply to an editor.
  await user.page.reload();
  await expect(user.page.getByTestId("plan-summary")).toContainText("1 change");
  await expect(user.page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await expect(user.page.getByTestId("apply-needs-role")).toBeVisible();

  // A viewer may not plan at all: the page says why, and offers no "Plan again".
  await row.getByLabel(`Role for ${username}`).selectOption("viewer");
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row).toContainText("viewer on local");
  await user.page.reload();
  await expect(user.page.getByRole("alert").filter({ hasText: "You need the editor role" })).toContainText("You need the editor role on this cluster");
  await expect(user.page.getByRole("button", { name: "Plan again" })).toHaveCount(0);

  // The audit log (admin only) has the refused apply.
  await page.goto(`/audit`);
  await expect(page.getByRole("table").getByText(username).first()).toBeVisible();

  // Signing out ends the session: pages lead to sign-in again.
  await user.page.getByRole("button", { name: "Sign out" }).click();
  await expect(user.page).toHaveURL(/\/sign-in/);
  await user.page.goto("/clusters");
  await expect(user.page).toHaveURL(/\/sign-in\?next=%2Fclusters$/);
  await user.context.close();
});

test("removing a role asks first and says what is lost; your own admin role on every cluster says what you lose", async ({ page }) => {
  // A second admin on every cluster, so that the e2e admin is not the last one (the server would refuse).
  const username = uniqueName("e2e-admin2");
  await page.goto("/settings/users");
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("New user name").fill(username);
  await add.getByLabel("New user password").fill(PASSWORD);
  await add.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId(`user-row-${username}`);
  await expect(row).toContainText("no access yet");
  await row.getByLabel(`Role for ${username}`).selectOption("admin");
  await row.getByRole("button", { name: "Grant" }).click();
  await expect(row).toContainText("admin on every cluster");

  // Your own admin role: the dialog says what you lose. Cancelled, nothing changes.
  const me = page.getByTestId(`user-row-${E2E_ADMIN.username}`);
  await me.getByRole("button", { name: `Remove admin on every cluster from ${E2E_ADMIN.username}`, exact: true }).click();
  const own = page.getByRole("dialog", { name: `Remove admin on every cluster from ${E2E_ADMIN.username}`, exact: true });
  await expect(own).toContainText(`Remove ${E2E_ADMIN.username}'s admin role on every cluster?`);
  await expect(own).toContainText("This is your own admin role on every cluster. Without it, you can no longer manage users and roles");
  await own.getByRole("button", { name: "Cancel" }).click();
  await expect(own).toBeHidden();
  await expect(me).toContainText("admin on every cluster");

  // Lowering it through the grant form asks the same.
  await me.getByLabel(`Role for ${E2E_ADMIN.username}`).selectOption("viewer");
  await me.getByRole("button", { name: "Grant" }).click();
  const lower = page.getByRole("dialog", { name: `Replace ${E2E_ADMIN.username}'s admin role on every cluster`, exact: true });
  await expect(lower).toContainText("This is your own admin role on every cluster.");
  await lower.getByRole("button", { name: "Cancel" }).click();
  await expect(me).toContainText("admin on every cluster");
  await me.getByLabel(`Role for ${E2E_ADMIN.username}`).selectOption("admin");

  // Someone else's role: the dialog names them and the role; confirmed, it is gone.
  await row.getByRole("button", { name: `Remove admin on every cluster from ${username}`, exact: true }).click();
  const other = page.getByRole("dialog", { name: `Remove admin on every cluster from ${username}`, exact: true });
  await expect(other).toContainText(`${username} loses what the admin role lets them do on every cluster at once.`);
  await other.getByRole("button", { name: "Remove role" }).click();
  await expect(other).toBeHidden();
  await expect(row).toContainText("no access yet");
  await expect(me).toContainText("admin on every cluster");
});
