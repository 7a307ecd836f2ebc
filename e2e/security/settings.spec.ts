import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { ClusterFormPage } from "../clusters/cluster-form.page";

// The admin's network setting: turned off, a cluster on a loopback address is refused with the reason; turned on
// again (as every other spec expects: their clusters are on 127.0.0.1), it is accepted.
test("an admin refuses loopback and private addresses in Settings, and a cluster on 127.0.0.1 is then refused", async ({ page }) => {
  const setting = async (allow: boolean) => {
    await page.goto("/settings/users");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const network = page.getByRole("form", { name: "Network" });
    const box = network.getByRole("checkbox", { name: "Allow loopback and private addresses" });
    await box.setChecked(allow);
    await network.getByRole("button", { name: "Save" }).click();
    await expect(network.getByRole("status")).toHaveText(allow ? "Saved: loopback and private addresses are allowed." : "Saved: loopback and private addresses are refused.");
    await page.reload();
    await expect(page.getByRole("form", { name: "Network" }).getByRole("checkbox", { name: "Allow loopback and private addresses" })).toBeChecked({ checked: allow });
  };

  await setting(false);
  try {
    const form = new ClusterFormPage(page);
    await form.openNew();
    await form.fill(uniqueName("e2e-private"), "127.0.0.1:9092");
    await form.submit();
    await expect(page.getByTestId("error-connection.bootstrapServers")).toContainText("127.0.0.1 is a loopback address (this machine)");
    await expect(page.getByTestId("form-error")).toContainText("an admin can change this under Settings");
    await expect(page.getByRole("heading", { name: "Add cluster" })).toBeVisible();
  } finally {
    await setting(true);
  }
  const form = new ClusterFormPage(page);
  await form.openNew();
  const name = uniqueName("e2e-private");
  await form.fill(name, "127.0.0.1:9092");
  await form.submit();
  await expect(page.getByRole("heading", { name })).toBeVisible();
});
