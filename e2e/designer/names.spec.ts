import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { DesignerPage } from "./designer.page";

// Issue 12, item 9: a design is named when it is created, renamed in place in the designer (no prompt()), and
// an import whose name is taken offers "Name (2)" to edit instead of failing or making a second of that name.

test("name a new design, rename it in the designer, and import it again under an offered name", async ({ page }) => {
  const d = new DesignerPage(page);
  const name = uniqueName("e2e-named");
  await page.goto("/designs");
  await page.getByRole("button", { name: "New design" }).click();
  const dialog = d.nameDialog();
  await expect(dialog.getByRole("heading", { name: "New design" })).toBeVisible();
  // No name, no design.
  await expect(dialog.getByRole("button", { name: "Create" })).toBeDisabled();
  await dialog.getByLabel("Design name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
  const title = page.getByTestId("design-name");
  await expect(title).toHaveText(name);

  // Renamed in place: Escape keeps the name, Enter saves the new one.
  await title.click();
  await page.getByLabel("Design name", { exact: true }).fill("not this");
  await page.getByLabel("Design name", { exact: true }).press("Escape");
  await expect(title).toHaveText(name);
  const renamed = `${name} renamed`;
  await title.click();
  await page.getByLabel("Design name", { exact: true }).fill(renamed);
  await page.getByLabel("Design name", { exact: true }).press("Enter");
  await expect(title).toHaveText(renamed);
  await page.reload();
  await expect(page.getByTestId("design-name")).toHaveText(renamed);

  // Its file imported again: the name is taken, "(2)" is offered and can be changed.
  await page.getByTestId("palette-topic").click();
  await d.waitSaved();
  const download = page.waitForEvent("download");
  await d.exportAs("Export JSON");
  const file = fs.readFileSync(await (await download).path());
  await page.goto("/designs");
  await expect(page.getByTestId(`design-row-${renamed}`)).toBeVisible();
  await page.getByTestId("import-file").setInputFiles({ name: "again.topiary.json", mimeType: "application/json", buffer: file });
  await expect(dialog.getByRole("heading", { name: "Import under another name" })).toBeVisible();
  await expect(dialog).toContainText(`A design named "${renamed}" already exists`);
  await expect(dialog.getByLabel("Design name")).toHaveValue(`${renamed} (2)`);
  // Cancel imports nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`design-row-${renamed} (2)`)).toHaveCount(0);

  await page.getByTestId("import-file").setInputFiles({ name: "again.topiary.json", mimeType: "application/json", buffer: file });
  // The name offered is still taken when typed back: offered again, not imported.
  await dialog.getByLabel("Design name").fill(renamed);
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already exists");
  await expect(dialog.getByLabel("Design name")).toHaveValue(`${renamed} (2)`);
  const other = `${name} imported`;
  await dialog.getByLabel("Design name").fill(other);
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("design-name")).toHaveText(other);
  await expect(d.nodesOfKind("topic")).toHaveCount(1);

  // Renaming from the list uses the same dialog, no prompt().
  await page.goto("/designs");
  await page.getByRole("button", { name: `Rename ${other}` }).click();
  await dialog.getByLabel("Design name").fill(`${other} again`);
  await dialog.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId(`design-row-${other} again`)).toBeVisible();
});
