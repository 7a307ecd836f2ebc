import { expect, type Locator, type Page } from "@playwright/test";
import { uniqueName } from "../fixtures";

type FileInput = Parameters<Page["setInputFiles"]>[1];

/** The designer, located as a user sees it. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  /** A new blank design, named in the dialog that "New design" opens. */
  async createBlank(name = uniqueName("e2e-design")) {
    await this.page.goto("/designs");
    await this.page.getByRole("button", { name: "New design" }).click();
    await this.nameDialog().getByLabel("Design name").fill(name);
    await this.nameDialog().getByRole("button", { name: "Create" }).click();
    await expect(this.page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
    await expect(this.canvas()).toBeVisible();
    return this.page.url().split("/").pop()!;
  }

  /** A design from the example, under the free name the dialog offers. */
  async createFromExample() {
    await this.page.goto("/designs");
    await this.page.getByRole("button", { name: "New from example" }).click();
    await expect(this.nameDialog().getByLabel("Design name")).toHaveValue(/^Example shop flow( \(\d+\))?$/);
    await this.nameDialog().getByRole("button", { name: "Create" }).click();
    await expect(this.page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
    await expect(this.nodes()).toHaveCount(11);
    return this.page.url().split("/").pop()!;
  }

  /**
   * Imports from the designs page; when a design of that name exists, takes the name the dialog offers.
   * Resolves when the new design is open (or the page shows an error: check it).
   */
  async importFiles(files: FileInput) {
    if (!/\/designs$/.test(new URL(this.page.url()).pathname)) await this.page.goto("/designs");
    await this.page.getByTestId("import-file").setInputFiles(files);
    const dialog = this.nameDialog();
    await expect(this.canvas().or(dialog).or(this.page.getByTestId("designs-error"))).toBeVisible({ timeout: 60_000 });
    if (await dialog.isVisible()) {
      await dialog.getByRole("button", { name: "Import" }).click();
      await expect(this.canvas()).toBeVisible({ timeout: 60_000 });
    }
  }

  nameDialog = () => this.page.getByTestId("name-dialog");
  canvas = () => this.page.getByTestId("canvas");
  nodes = () => this.page.locator(".react-flow__node");
  nodesOfKind = (kind: string) => this.page.locator(".react-flow__node", { has: this.page.getByTestId(`node-${kind}`) });
  node = (label: string) => this.page.locator(".react-flow__node", { has: this.page.getByLabel(label, { exact: true }) });
  saveState = () => this.page.getByTestId("save-state");
  props = () => this.page.getByRole("complementary", { name: "Properties" });
  problems = () => this.page.getByRole("region", { name: "Problems" });
  toolbar = () => this.page.getByRole("toolbar", { name: "Design tools" });

  /** Opens the toolbar's Export menu and picks an item ("Export JSON", "Export AsyncAPI 3.1", …). */
  async exportAs(item: string) {
    await this.toolbar().getByRole("button", { name: "Export" }).click();
    await this.page.getByRole("menu", { name: "Export" }).getByRole("menuitem", { name: item, exact: true }).click();
  }

  async dropFromPalette(kind: string, x: number, y: number) {
    await this.page.getByTestId(`palette-${kind}`).dragTo(this.canvas(), { targetPosition: { x, y } });
  }

  /** Drags from the source handle of one node to the target handle of another. */
  async connect(from: Locator, to: Locator) {
    const s = await from.locator(".react-flow__handle.source").boundingBox();
    const t = await to.locator(".react-flow__handle.target").boundingBox();
    if (!s || !t) throw new Error("handles not visible");
    await this.page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async waitSaved() {
    await expect(this.saveState()).toHaveText("Saved");
  }
}
