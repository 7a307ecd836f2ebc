import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { TopicsPage } from "./topics.page";

// The topic list comes server-rendered with its first rows, before the page's JavaScript has run: a name typed
// into the search then (a quick user, a slow network) must still search once the page comes alive. The page's
// scripts are held back until the name is typed, so the typing surely comes first.
test("a search typed before the page has hydrated is searched once it has", async ({ page }) => {
  const prefix = uniqueName("e2e.early");
  const [wanted, other] = [`${prefix}.wanted`, `${prefix}.other`];
  const admin = new Kafka({ brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: wanted }, { topic: other }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const id = await new TopicsPage(page).openCluster("local");

  let release!: () => void;
  const scriptsMayLoad = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await scriptsMayLoad;
    await route.continue();
  });
  await page.goto(`/clusters/${id}`, { waitUntil: "commit" });
  await expect(page.locator('[data-testid^="topic-row-"]').first()).toBeVisible(); // server-rendered rows
  const search = page.getByLabel("Search topics");
  await search.fill(wanted);
  // Not hydrated yet: the element has no React props.
  expect(await search.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")))).toBe(false);
  release();

  await expect(page.getByTestId(`topic-row-${wanted}`)).toBeVisible();
  await expect(page.getByTestId(`topic-row-${other}`)).toHaveCount(0);
  await expect(search).toHaveValue(wanted);
});
