import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { DesignerPage } from "../designer/designer.page";

test("design → plan → apply → the topics appear in the cluster's topic list, and the canvas shows them in sync", async ({ page }) => {
  const d = new DesignerPage(page);
  const id = await d.createBlank();
  const names = [uniqueName("e2e.apply.orders"), uniqueName("e2e.apply.payments")];
  for (const name of names) {
    await page.getByTestId("palette-topic").click();
    await d.props().getByLabel("Topic name").fill(name);
  }
  await d.node(`Topic ${names[0]}`).click();
  await d.props().getByLabel("Partitions").fill("3");
  await d.waitSaved();

  await page.getByLabel("Bound cluster").selectOption({ label: "local" });
  await expect(d.nodesOfKind("topic").first().getByTestId("node-drift")).toHaveText("not created");
  await page.getByRole("link", { name: "Plan & apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/designs/${id}/plan$`));
  await expect(page.getByTestId("plan-summary")).toContainText("2 changes on 2 topic(s)");
  const orders = page.getByTestId(`plan-topic-${names[0]}`);
  await expect(orders).toContainText("create");
  await expect(orders.getByRole("row", { name: /partitions/ })).toContainText("3");

  await page.getByRole("button", { name: "Apply 2 changes" }).click();
  const results = page.getByTestId("apply-results");
  await expect(results).toContainText("succeeded");
  await expect(results.getByTestId("apply-step")).toHaveCount(2);
  await expect(page.getByTestId("plan-summary")).toContainText("No changes");

  // The audit trail has it.
  await results.getByRole("link", { name: "audit record" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded");
  await expect(page.getByText(`create ${names[0]} (3 partitions`)).toBeVisible();

  // The cluster's topic list shows them.
  await page.getByRole("link", { name: "Clusters" }).click();
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local" }).click();
  await page.getByLabel("Search topics").fill("e2e.apply");
  for (const name of names) await expect(page.getByTestId(`topic-row-${name}`)).toBeVisible();
  await expect(page.getByTestId(`topic-row-${names[0]}`)).toContainText("3");

  // Back on the canvas, both topics are in sync.
  await page.goto(`/designs/${id}`);
  await expect(d.nodesOfKind("topic").getByTestId("node-drift")).toHaveText(["in sync", "in sync"]);
});
