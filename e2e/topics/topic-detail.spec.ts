import { expect, test } from "@playwright/test";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { ClusterFormPage } from "../clusters/cluster-form.page";
import { TopicsPage } from "./topics.page";

test("create a topic from the list, open it, change its config, add partitions, then delete it by typing its name", async ({ page }) => {
  const topics = new TopicsPage(page);
  // '.', '_' and '-' all in the name: it travels through the URL to the detail page.
  const name = uniqueName("e2e.topic_detail");
  await topics.openCluster("local");

  // The search sits beside the "Topics" heading, on its line (it used to sit above it).
  const topicsHeading = page.getByRole("heading", { name: "Topics", level: 2, exact: true });
  await expect(topicsHeading).toBeVisible();
  const heading = (await topicsHeading.boundingBox())!;
  const searchBox = (await page.getByLabel("Search topics").boundingBox())!;
  expect(Math.abs(heading.y + heading.height / 2 - (searchBox.y + searchBox.height / 2))).toBeLessThan(6);
  expect(searchBox.x).toBeGreaterThan(heading.x + heading.width);

  // A regex search is checked in the browser as the server checks it (RE2): look-behind, which JavaScript's
  // RegExp would take, is refused at once.
  await page.getByLabel("regex", { exact: true }).check();
  await page.getByLabel("Search topics").fill("(?<=e2e)topic");
  await expect(page.getByLabel("Search topics")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Search topics").fill("e2e\\.topic");
  await expect(page.getByLabel("Search topics")).toHaveAttribute("aria-invalid", "false");
  await page.getByLabel("Search topics").fill("");
  await page.getByLabel("regex", { exact: true }).uncheck();

  // The dialog checks as it is filled, with the server's rules.
  await page.getByRole("button", { name: "Create topic" }).click();
  const dialog = topics.createDialog();
  await dialog.getByLabel("Name", { exact: true }).fill("not a name!");
  await expect(dialog.getByTestId("error-name")).toContainText("ASCII letters");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await expect(dialog.getByTestId("error-name")).toHaveCount(0);
  await dialog.getByLabel("Partitions", { exact: true }).fill("2");
  await dialog.getByLabel("Add a config").selectOption("retention.ms");
  await dialog.getByLabel("retention.ms", { exact: true }).fill("an hour");
  await expect(dialog.getByTestId("error-configs.retention.ms")).toContainText("retention.ms must be a whole number");
  await dialog.getByLabel("retention.ms", { exact: true }).fill("3600000");
  await expect(dialog.getByTestId("error-configs.retention.ms")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog).toBeHidden();

  await topics.search(name);
  await expect(topics.row(name).getByRole("cell").nth(1)).toHaveText("2");
  await topics.openTopic(name);

  // The messages come first: the topic page opens on its Messages tab.
  await expect(page.getByRole("tab", { name: "Messages" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Messages" }).getByRole("region", { name: "Message browser" })).toBeVisible();

  // Partitions, and the override given at creation marked against its default, in human units too.
  await topics.openTab("Partitions");
  await expect(page).toHaveURL(/[?&]tab=partitions/);
  await expect(topics.partitionRows()).toHaveCount(2);
  await expect(topics.summary()).toContainText("2 partitions");
  await topics.openTab("Configuration");
  await expect(topics.overrideBadge("retention.ms")).toBeVisible();
  await expect(topics.rawValue("retention.ms")).toHaveText("3600000");
  await expect(topics.valueCell("retention.ms")).toContainText("1 h");
  // The tab is in the URL: a reload lands on it.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Configuration" })).toHaveAttribute("aria-selected", "true");
  await expect(topics.rawValue("retention.ms")).toHaveText("3600000");

  // Change a config: checked as typed, then saved and marked as an override with its default beside it.
  const maxBytes = topics.config("max.message.bytes");
  await expect(topics.overrideBadge("max.message.bytes")).toHaveCount(0);
  const brokerDefault = (await topics.rawValue("max.message.bytes").innerText()).trim();
  await maxBytes.getByRole("button", { name: "Edit max.message.bytes" }).click();
  const value = maxBytes.getByLabel("New value of max.message.bytes");
  await value.fill("-3");
  await expect(maxBytes).toContainText("max.message.bytes must be at least 0");
  await expect(maxBytes.getByRole("button", { name: "Save" })).toBeDisabled();
  await value.fill("2000000");
  await maxBytes.getByRole("button", { name: "Save" }).click();
  await expect(topics.overrideBadge("max.message.bytes")).toBeVisible();
  await expect(topics.rawValue("max.message.bytes")).toHaveText("2000000");
  await expect(topics.defaultValue("max.message.bytes")).toHaveText(brokerDefault);

  // Reset the other override to its default; the new one stays.
  const retention = topics.config("retention.ms");
  const retentionDefault = (await topics.defaultValue("retention.ms").innerText()).trim();
  await retention.getByRole("button", { name: "Reset retention.ms to default" }).click();
  await expect(topics.overrideBadge("retention.ms")).toHaveCount(0);
  await expect(topics.rawValue("retention.ms")).toHaveText(retentionDefault);
  await expect(topics.overrideBadge("max.message.bytes")).toBeVisible();

  // Add partitions: fewer is refused in the dialog, more is applied.
  await page.getByRole("button", { name: "Add partitions" }).click();
  const add = page.getByRole("dialog", { name: `Add partitions to ${name}` });
  await add.getByLabel("New partition count").fill("1");
  await expect(add).toContainText("Kafka cannot remove partitions");
  await expect(add.getByRole("button", { name: "Add partitions" })).toBeDisabled();
  await add.getByLabel("New partition count").fill("4");
  await add.getByRole("button", { name: "Add partitions" }).click();
  await expect(add).toBeHidden();
  await topics.openTab("Partitions");
  await expect(topics.partitionRows()).toHaveCount(4);
  await expect(topics.summary()).toContainText("4 partitions");

  // Delete: only once the name is typed back; then it is gone from the list.
  await page.getByRole("button", { name: "Delete topic" }).click();
  const del = page.getByRole("dialog", { name: `Delete topic ${name}` });
  const confirm = del.getByRole("button", { name: "Delete", exact: true });
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Topic name to confirm").fill(name.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Topic name to confirm").fill(name);
  await confirm.click();
  await expect(page).toHaveURL(/\/clusters\/[A-Za-z0-9_-]+$/);
  await topics.search(name);
  await expect(page.getByText(/^0 of [\d,]+ topics/)).toBeVisible();
  await expect(topics.row(name)).toHaveCount(0);
});

test("a read-only cluster shows a topic but offers no changes", async ({ page }) => {
  const topics = new TopicsPage(page);
  const name = uniqueName("e2e.readonly_topic");
  await topics.openCluster("local");
  await topics.createTopic(name, { configs: { "cleanup.policy": "compact" } });

  const form = new ClusterFormPage(page);
  const roName = uniqueName("ro");
  await form.openNew();
  await form.fill(roName, kafkaBrokers());
  await page.getByLabel(/Read-only/).check();
  await form.submit();
  await expect(page.getByRole("heading", { name: roName })).toContainText("read-only");
  await expect(page.getByRole("heading", { name: "Topics" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create topic" })).toHaveCount(0);

  await topics.openTopic(name);
  await topics.openTab("Partitions");
  await expect(topics.partitionRows()).toHaveCount(1);
  await topics.openTab("Configuration");
  await expect(topics.overrideBadge("cleanup.policy")).toBeVisible();
  await expect(page.getByText("This cluster is read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Edit|Reset|Add partitions|Delete topic)/ })).toHaveCount(0);
});
