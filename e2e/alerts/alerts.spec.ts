import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";

/** A topic with 5 messages and a group without members committed at 0 on it: lag 5, seen by the console's sampler. */
async function laggingGroup() {
  const topic = uniqueName("e2e-alert-topic");
  const group = uniqueName("e2e-alert-group");
  const kafka = new Kafka({ clientId: "topiary-e2e", brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await producer.send({ topic, messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}` })) });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "0" }] });
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
  return group;
}

/** A webhook receiver on this machine that answers 200 and keeps the bodies. */
async function receiver() {
  const bodies: { state: string; group: string; message: string }[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, close: () => new Promise((r) => server.close(r)) };
}

test("add a lag alert rule in the UI, see it listed, fire with its webhook delivered, then turn it off and delete it", async ({ page }) => {
  // The sampler runs every 15 s in the console under test, and the page polls every 10 s.
  test.setTimeout(150_000);
  const group = await laggingGroup();
  const hook = await receiver();
  const name = uniqueName("e2e-alert");
  try {
    await page.goto("/clusters");
    await page.getByTestId("cluster-row-local").getByRole("link", { name: "local", exact: true }).click();
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();

    await page.getByRole("button", { name: "Add rule" }).click();
    const form = page.getByRole("form", { name: "Add an alert rule" });
    // Checked as it is filled, with the server's rules.
    await form.getByLabel("Webhook URL").fill("hooks.example.com/x");
    await expect(form.getByTestId("error-webhookUrl")).toContainText("Enter a full URL");
    await form.getByLabel("Lag above (messages)").fill("-1");
    await expect(form.getByTestId("error-lagAbove")).toHaveText("Lag cannot be negative");

    await form.getByLabel("Name", { exact: true }).fill(name);
    // A group the cluster does not have is a warning (the rule may wait for it), not an error.
    await form.getByLabel("Consumer group").fill("e2e-no-such-group");
    await expect(form.getByTestId("group-unknown")).toContainText('no consumer group "e2e-no-such-group"', { timeout: 30_000 });
    await form.getByLabel("Consumer group").fill(group);
    await form.getByLabel("Lag above (messages)").fill("2");
    await form.getByLabel("For (minutes)").fill("0");
    await form.getByLabel("Webhook URL").fill(`${hook.url}/hook/secret-token-e2e`);
    await expect(form.getByTestId("error-webhookUrl")).toHaveCount(0);
    await form.getByRole("button", { name: "Add rule" }).click();
    await expect(form).toBeHidden();

    const row = page.getByTestId(`alert-rule-${name}`);
    await expect(row).toContainText(`lag above 2 on group ${group}`);
    await expect(row).toContainText(hook.url);
    await expect(page.locator("body")).not.toContainText("secret-token-e2e");
    await expect(row.getByRole("checkbox", { name: `Enabled: ${name}` })).toBeChecked();

    // The next sample sees lag 5 above 2: the event fires, and its webhook is delivered.
    const event = page.getByTestId("alert-event").filter({ hasText: group });
    await expect(event).toContainText("firing", { timeout: 90_000 });
    await expect(event).toContainText("lag 5 above 2");
    await expect(event.getByTestId("delivery")).toContainText("firing: delivered", { timeout: 30_000 });
    await expect(row).toContainText("1 firing");
    expect(hook.bodies[0]).toMatchObject({ state: "firing", group, message: "lag 5 above 2" });

    // Turned off, what it had firing resolves.
    await row.getByRole("checkbox", { name: `Enabled: ${name}` }).uncheck();
    await expect(event).toContainText("resolved");
    await expect(event.getByTestId("delivery").nth(1)).toContainText("resolved: delivered", { timeout: 30_000 });

    // Edited: the stored webhook is kept when its box is left blank.
    await row.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: `Edit rule ${name}` });
    await expect(edit.getByLabel("Lag above (messages)")).toHaveValue("2");
    await expect(edit.getByLabel("Webhook URL")).toHaveValue("");
    await edit.getByLabel("Lag above (messages)").fill("3");
    await edit.getByRole("button", { name: "Save rule" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText(`lag above 3 on group ${group}`);
    await expect(row).toContainText(hook.url);

    // Deleting asks first.
    await row.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete rule ${name}` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete rule" }).click();
    await expect(row).toHaveCount(0);
    await expect(event).toHaveCount(0);
  } finally {
    await hook.close();
  }
});
