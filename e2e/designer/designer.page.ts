import { expect, type Locator, type Page } from "@playwright/test";

/** The designer, located as a user sees it. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  async createBlank() {
    await this.page.goto("/designs");
    await this.page.getByRole("button", { name: "New design" }).click();
    await expect(this.page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
    await expect(this.canvas()).toBeVisible();
    return this.page.url().split("/").pop()!;
  }

  async createFromExample() {
    await this.page.goto("/designs");
    await this.page.getByRole("button", { name: "New from example" }).click();
    await expect(this.page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
    await expect(this.nodes()).toHaveCount(11);
    return this.page.url().split("/").pop()!;
  }

  canvas = () => this.page.getByTestId("canvas");
  nodes = () => this.page.locator(".react-flow__node");
  nodesOfKind = (kind: string) => this.page.locator(".react-flow__node", { has: this.page.getByTestId(`node-${kind}`) });
  node = (label: string) => this.page.locator(".react-flow__node", { has: this.page.getByLabel(label, { exact: true }) });
  saveState = () => this.page.getByTestId("save-state");
  props = () => this.page.getByRole("complementary", { name: "Properties" });
  problems = () => this.page.getByRole("region", { name: "Problems" });

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
