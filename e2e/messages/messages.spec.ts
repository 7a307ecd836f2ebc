import { expect, test, type Page } from "@playwright/test";
import { kafkaBrokers, uniqueName } from "../fixtures";

/** Creates a topic through the product's own form on the cluster page, then opens its detail page. */
async function openNewTopic(page: Page, name: string) {
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local" }).click();
  await page.getByRole("button", { name: "Create topic" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Partitions", { exact: true }).fill("2");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).not.toBeVisible();
  await page.getByLabel("Search topics").fill(name);
  await page.getByTestId(`topic-row-${name}`).getByRole("link", { name }).click();
  await expect(page.getByRole("region", { name: "Message browser" })).toBeVisible();
}

async function produce(page: Page, key: string, value: string, opts: { text?: boolean; header?: [string, string] } = {}) {
  const form = page.getByRole("form", { name: "Produce a message" });
  if (!(await form.isVisible())) await page.getByRole("button", { name: "Produce" }).click();
  await form.getByLabel("Message key").fill(key);
  await form.getByLabel("Message value").fill(value);
  if (opts.text) await form.getByLabel("text").check();
  if (opts.header) {
    await form.getByRole("button", { name: "Add header" }).click();
    await form.getByLabel("Header 1 name").fill(opts.header[0]);
    await form.getByLabel("Header 1 value").fill(opts.header[1]);
  }
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByTestId("produce-result")).toContainText("Sent to partition");
}

test("produce messages, then find them with a filter expression; keys and values with HTML render as text", async ({ page }) => {
  expect(kafkaBrokers()).toBeTruthy();
  const topic = uniqueName("e2e.msgs");
  await openNewTopic(page, topic);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });

  await produce(page, "order-1", '{"total": 250, "customer": {"tier": "gold"}}', { header: ["source", "web"] });
  await produce(page, "order-2", '{"total": 20}', { header: ["source", "web"] });
  await produce(page, '<img src=x onerror="alert(1)">', '<script>alert("x")</script>', { text: true });

  const browser = page.getByRole("region", { name: "Message browser" });
  await browser.getByLabel("Start from").selectOption("earliest");
  await browser.getByLabel("Filter expression").fill("value.total > ");
  await expect(browser.getByTestId("expression-error")).toContainText("Unexpected token");
  await expect(browser.getByRole("button", { name: "Search" })).toBeDisabled();
  await browser.getByLabel("Filter expression").fill('value.total > 100 && headers.source == "web"');
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("reached the end offsets");
  await expect(browser.getByTestId("message-row")).toHaveCount(1);
  await browser.getByTestId("message-row").click();
  await expect(browser.getByTestId("message-detail")).toContainText('"tier": "gold"');

  // Everything, including the HTML-looking message, shown as text.
  await browser.getByLabel("Filter expression").fill("");
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("message-row")).toHaveCount(3);
  await expect(browser.getByRole("cell", { name: '<img src=x onerror="alert(1)">' })).toBeVisible();
  await expect(browser.getByRole("cell", { name: '<script>alert("x")</script>' })).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("live tail shows a message produced while it runs", async ({ page }) => {
  const topic = uniqueName("e2e.tail");
  await openNewTopic(page, topic);
  const browser = page.getByRole("region", { name: "Message browser" });
  await browser.getByRole("button", { name: "Live tail" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("Following new messages");
  await produce(page, "tailed-1", '{"n": 1}');
  await expect(browser.getByTestId("message-row").filter({ hasText: "tailed-1" })).toBeVisible();
  await browser.getByRole("button", { name: "Pause" }).click();
  await produce(page, "tailed-2", '{"n": 2}');
  await expect(browser.getByRole("button", { name: /Resume \(1 waiting\)/ })).toBeVisible();
  await expect(browser.getByTestId("message-row").filter({ hasText: "tailed-2" })).toHaveCount(0);
  await browser.getByRole("button", { name: /Resume/ }).click();
  await expect(browser.getByTestId("message-row").filter({ hasText: "tailed-2" })).toBeVisible();
  await browser.getByRole("button", { name: "Stop" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("Live tail stopped");
});

test("choose messages and copy them to a topic (replay into the same one)", async ({ page }) => {
  const topic = uniqueName("e2e.copy");
  await openNewTopic(page, topic);
  await produce(page, "first", '{"n": 1}');
  await produce(page, "second", '{"n": 2}');

  const browser = page.getByRole("region", { name: "Message browser" });
  await browser.getByLabel("Start from").selectOption("earliest");
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("message-row")).toHaveCount(2);
  await browser.getByTestId("message-row").filter({ hasText: "second" }).getByRole("checkbox").check();
  await browser.getByRole("button", { name: "Copy 1 to topic…" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy messages to a topic" });
  await expect(dialog.getByLabel("Target topic")).toHaveValue(topic);
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText(`Copied 1 to ${topic}`);
  await dialog.getByRole("button", { name: "Close" }).click();

  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("message-row")).toHaveCount(3);
  await expect(browser.getByTestId("message-row").filter({ hasText: "second" })).toHaveCount(2);
});
