import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { ClusterFormPage } from "../clusters/cluster-form.page";
import { createTopicAsSuperUser, secureKafka, stopSecureKafka, type SecureKafka } from "./secure-kafka";

// The console on a secured cluster: the suite's secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer) added as
// a second cluster through the form, signed in as its super user.
let secure: SecureKafka;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  secure = await secureKafka();
});
test.afterAll(async () => {
  if (secure) await stopSecureKafka(secure);
});

test("create a user, grant it WRITE on a topic in the ACL editor, and see who can write on the topic page", async ({ page }) => {
  const topic = uniqueName("e2e-acl-topic");
  const user = uniqueName("e2e-svc");
  const principal = `User:${user}`;
  await createTopicAsSuperUser(secure, topic);

  // The secured cluster, added through the form with its SASL settings.
  const form = new ClusterFormPage(page);
  const clusterName = uniqueName("secure");
  await form.openNew();
  await form.fill(clusterName, secure.brokers);
  await page.getByLabel("Mechanism").selectOption("scram-sha-512");
  await page.getByLabel("User name").fill(secure.username);
  await page.getByLabel(/^Password/).fill(secure.password);
  await form.testConnection();
  await expect(page.getByTestId("test-result")).toContainText("Connected");
  await form.submit();
  await expect(page.getByRole("heading", { name: clusterName })).toBeVisible();
  const clusterId = new URL(page.url()).pathname.split("/").pop()!;

  // Users: create one with a generated password, shown once.
  await page.getByRole("link", { name: "Access" }).click();
  await expect(page.getByRole("heading", { name: /^Access/ })).toBeVisible();
  await page.getByRole("tab", { name: "Users" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  const createForm = page.getByRole("form", { name: "Create a SCRAM user" });
  await createForm.getByLabel("User name").fill(user);
  await createForm.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("generated-password")).toHaveText(/^[A-Za-z0-9_-]{32}$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("generated-password")).toHaveCount(0);
  await expect(page.getByTestId(`scram-user-${user}`)).toContainText("SCRAM-SHA-512");

  // ACLs: WRITE and DESCRIBE on the topic, previewed (before → after) and then created.
  await page.getByRole("tab", { name: "ACLs" }).click();
  await page.getByRole("button", { name: "Add bindings" }).click();
  const editor = page.getByRole("form", { name: "Add ACL bindings" });
  await editor.getByLabel("Principal").fill(principal);
  await editor.getByLabel("Resource name").fill(topic);
  await editor.getByLabel("WRITE", { exact: true }).check();
  await editor.getByLabel("DESCRIBE", { exact: true }).check();
  await editor.getByRole("button", { name: "Preview" }).click();
  const review = editor.getByTestId("acl-change-review");
  await expect(review).toContainText(`+ ALLOW ${principal} WRITE on topic "${topic}"`);
  await expect(review.getByRole("table", { name: "Access before and after" }).getByRole("row").filter({ has: page.getByRole("cell", { name: "WRITE", exact: true }) })).toContainText("denied → allowed");
  await editor.getByRole("button", { name: "Create 2 bindings" }).click();
  await expect(page.getByTestId("acl-notice")).toContainText("Created 2 bindings");
  await page.getByLabel("Principal contains").fill(user);
  await expect(page.getByRole("table", { name: "ACL bindings" }).getByTestId("acl-binding-row")).toHaveCount(2);

  // The topic page says who can write.
  await page.goto(`/clusters/${clusterId}/topics/${encodeURIComponent(topic)}`);
  await page.getByRole("button", { name: /Who can read and write this topic/ }).click();
  const who = page.getByRole("table", { name: "Who can read and write this topic" });
  const row = who.getByRole("row").filter({ hasText: principal });
  await expect(row.getByRole("cell").nth(1)).toHaveText("denied"); // READ
  await expect(row.getByRole("cell").nth(2)).toHaveText("allowed"); // WRITE
  await expect(row.getByRole("cell").nth(3)).toHaveText("allowed"); // DESCRIBE

  // And the principal's page, one click away, says what it may do.
  await row.getByRole("link", { name: principal }).click();
  await expect(page.getByRole("heading", { name: principal })).toBeVisible();
  await expect(page.getByTestId("principal-resource-row").filter({ hasText: topic })).toContainText("WRITE, DESCRIBE");
  await expect(page.getByTestId("principal-scram")).toContainText("SCRAM-SHA-512");
});
