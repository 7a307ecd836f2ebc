import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { ClusterFormPage } from "../clusters/cluster-form.page";
import { DesignerPage } from "../designer/designer.page";
import { secureKafka, stopSecureKafka, type SecureKafka } from "./secure-kafka";

// A design with principals applied to the secured cluster (issue 13, items 4 and 5): the plan lists the bindings
// Topiary derives, apply creates them, the plan is then empty and the canvas shows the producer's ACLs in sync.
let secure: SecureKafka;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  secure = await secureKafka();
});
test.afterAll(async () => {
  if (secure) await stopSecureKafka(secure);
});

test("give a producer and a consumer group principals, plan the design on the secured cluster, see and apply their bindings", async ({ page }) => {
  const topic = uniqueName("e2e-dacl-orders");
  const groupId = uniqueName("e2e-dacl-billing");
  const producerPrincipal = `User:${uniqueName("e2e-orders-svc")}`;
  const consumerPrincipal = `User:${uniqueName("e2e-billing")}`;

  // The secured cluster, added through the form, signed in as its super user.
  const form = new ClusterFormPage(page);
  const clusterName = uniqueName("secure-design");
  await form.openNew();
  await form.fill(clusterName, secure.brokers);
  await page.getByLabel("Mechanism").selectOption("scram-sha-512");
  await page.getByLabel("User name").fill(secure.username);
  await page.getByLabel(/^Password/).fill(secure.password);
  await form.submit();
  await expect(page.getByRole("heading", { name: clusterName })).toBeVisible();

  // Producer → topic → consumer group, each application with its principal.
  const d = new DesignerPage(page);
  await d.createBlank();
  await d.dropFromPalette("producer", 120, 120);
  await d.dropFromPalette("topic", 420, 120);
  await d.dropFromPalette("consumerGroup", 720, 120);
  const producer = d.nodesOfKind("producer");
  const topicNode = d.nodesOfKind("topic");
  const group = d.nodesOfKind("consumerGroup");
  await d.connect(producer, topicNode);
  await d.connect(topicNode, group);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  await topicNode.click();
  await d.props().getByLabel("Topic name").fill(topic);
  await producer.click();
  await d.props().getByLabel("Application").fill("orders");
  await d.props().getByLabel("Principal", { exact: true }).fill(producerPrincipal);
  const preview = d.props().getByTestId("identity-bindings");
  await expect(preview).toContainText("3 bindings on apply");
  await group.click();
  await d.props().getByLabel("Group id").fill(groupId);
  await d.props().getByLabel("Principal", { exact: true }).fill(consumerPrincipal);
  await d.waitSaved();

  await page.getByLabel("Bound cluster").selectOption({ label: clusterName });
  await expect(producer.getByTestId("node-drift")).toHaveText("ACLs not applied");

  // The plan: the topic and six bindings, before → after.
  await page.getByRole("link", { name: "Plan & apply" }).click();
  await expect(page.getByTestId("plan-summary")).toContainText("7 changes: 1 on 1 topic(s), 6 to ACL bindings and quotas");
  const access = page.getByTestId("plan-access");
  await expect(access.getByTestId("plan-acl-create")).toHaveCount(6);
  await expect(access.getByRole("row", { name: `ALLOW ${producerPrincipal} WRITE on topic "${topic}"` })).toContainText("granted");
  await expect(access.getByRole("row", { name: `ALLOW ${consumerPrincipal} READ on consumer group "${groupId}"` })).toBeVisible();
  await expect(access.getByRole("row", { name: `ALLOW ${producerPrincipal} IDEMPOTENT_WRITE on the cluster` })).toBeVisible();

  await page.getByRole("button", { name: "Apply 7 changes" }).click();
  const results = page.getByTestId("apply-results");
  await expect(results).toContainText("succeeded");
  await expect(results.getByTestId("apply-step")).toHaveCount(7);
  await expect(results.getByTestId("apply-step").filter({ hasText: `create ACL: ALLOW ${producerPrincipal} WRITE on topic "${topic}"` })).toContainText("done");
  await expect(page.getByTestId("plan-summary")).toContainText("No changes");
  await expect(page.getByTestId("plan-acl-in-sync")).toContainText("6 binding(s) in sync");

  // On the canvas, the producer's bindings are in sync.
  await page.getByRole("link", { name: "Back to the design" }).click();
  await expect(producer.getByTestId("node-drift")).toHaveText("ACLs in sync");
});
