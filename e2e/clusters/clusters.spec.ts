import { expect, test } from "@playwright/test";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { ClusterFormPage } from "./cluster-form.page";

test("the console opens on its clusters, with the local cluster seeded on first start", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole("heading", { name: "Clusters" })).toBeVisible();
  const row = page.getByTestId("cluster-row-local");
  await expect(row).toContainText(kafkaBrokers());
  await row.getByRole("link", { name: "local" }).click();
  await expect(page.getByTestId("stat-brokers")).toContainText(String(kafkaBrokers().split(",").length));
});

test("add a cluster through the form and see its broker on the overview", async ({ page }) => {
  const form = new ClusterFormPage(page);
  const name = uniqueName("e2e");
  await form.openNew();
  await form.fill(name, kafkaBrokers());

  await form.testConnection();
  await expect(page.getByTestId("test-result")).toContainText(/Connected: cluster id \S+, 1 broker/);

  await form.submit();
  await expect(page).toHaveURL(/\/clusters\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const [host, port] = kafkaBrokers().split(",")[0].split(":");
  const brokers = page.getByRole("table", { name: "Brokers" });
  await expect(brokers.getByRole("row").filter({ hasText: `${host}:${port}` })).toBeVisible();
  await expect(page.getByTestId("stat-brokers")).toContainText("1");
  await expect(page.getByTestId("kafka-cluster-id")).toHaveText(/^[A-Za-z0-9_-]{22}$/);

  // And it is listed.
  await page.getByRole("link", { name: "Clusters" }).click();
  await expect(page.getByTestId(`cluster-row-${name}`)).toBeVisible();
});

test("a bad bootstrap address shows its error on the form", async ({ page }) => {
  const form = new ClusterFormPage(page);
  await form.openNew();

  await form.fill(uniqueName("bad"), "not-a-host-port");
  await form.submit();
  await expect(page.getByTestId("error-connection.bootstrapServers")).toContainText('"not-a-host-port" is not host:port');
  await expect(page).toHaveURL(/\/clusters\/new$/);

  await form.bootstrap().fill("127.0.0.1:1");
  await form.testConnection();
  await expect(page.getByTestId("test-error")).toContainText("Connection refused at 127.0.0.1:1");
});

test("an unreachable cluster says so on its overview, within seconds", async ({ page }) => {
  const form = new ClusterFormPage(page);
  const name = uniqueName("down");
  await form.openNew();
  await form.fill(name, "127.0.0.1:1");
  await form.submit();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("cluster-unreachable")).toContainText("Cluster unreachable", { timeout: 12_000 });
});

test("edit a cluster to read-only, then remove it after typing its name", async ({ page }) => {
  const form = new ClusterFormPage(page);
  const name = uniqueName("edit");
  await form.openNew();
  await form.fill(name, kafkaBrokers());
  await form.submit();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel(/Read-only/).check();
  await form.submit();
  await expect(page.getByRole("heading", { name })).toContainText("read-only");

  await page.getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Remove" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Cluster name to confirm").fill(name);
  await confirm.click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByTestId(`cluster-row-${name}`)).toHaveCount(0);
});
