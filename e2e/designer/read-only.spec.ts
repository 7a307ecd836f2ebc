import { expect, test } from "@playwright/test";
import { DesignerPage } from "./designer.page";
import { addUser, signInAs } from "./users";

// Issue 12, item 1: a viewer opens a design bound to their cluster and sees the whole graph, pannable and
// zoomable, with a node's details when it is selected (read-only: no palette, no form, no editing tools).

test("a viewer sees the whole canvas of a bound design, pans and zooms it, and reads a node's details on click", async ({ page, browser }) => {
  const d = new DesignerPage(page);
  const id = await d.createFromExample();
  await page.getByLabel("Bound cluster").selectOption({ label: "local" });
  await d.waitSaved();
  const viewer = await addUser(page, "viewer");

  for (const viewport of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
    const { context, page: vp } = await signInAs(browser, viewer, viewport);
    const v = new DesignerPage(vp);
    await vp.goto(`/designs/${id}`);
    await expect(vp.getByTestId("design-read-only")).toBeVisible();
    await expect(v.nodes()).toHaveCount(11);
    await expect(vp.getByRole("navigation", { name: "Palette" })).toHaveCount(0);

    // The canvas takes the window but for the properties panel; the panel keeps its own width.
    const canvas = (await v.canvas().boundingBox())!;
    const props = (await v.props().boundingBox())!;
    expect(canvas.width).toBeGreaterThan(viewport.width - 360);
    expect(props.width).toBeLessThan(360);
    expect(props.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);

    // Every node is in view (fitted), not cut off by a narrow column.
    for (const box of await v.nodes().evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    }

    // Panning (drag on the empty pane) and zooming (the Controls) move the view.
    const viewportEl = vp.locator(".react-flow__viewport");
    const before = await viewportEl.getAttribute("style");
    const pane = await vp.evaluate(() => {
      const r = document.querySelector(".react-flow")!.getBoundingClientRect();
      for (let fy = 0.05; fy < 0.95; fy += 0.05)
        for (let fx = 0.05; fx < 0.95; fx += 0.05) {
          const [x, y] = [r.left + r.width * fx, r.top + r.height * fy];
          if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
        }
      return null;
    });
    expect(pane).not.toBeNull();
    await vp.mouse.move(pane!.x, pane!.y);
    await vp.mouse.down();
    await vp.mouse.move(pane!.x + 120, pane!.y + 60, { steps: 8 });
    await vp.mouse.up();
    await expect(viewportEl).not.toHaveAttribute("style", before ?? "");
    const panned = await viewportEl.getAttribute("style");
    await vp.getByRole("button", { name: "Zoom In" }).click();
    await expect(viewportEl).not.toHaveAttribute("style", panned ?? "");

    // A node's details, as text: no form fields to edit.
    await v.node("Topic shop.orders.v1").click();
    await expect(v.props().getByRole("heading", { name: "Topic", exact: true })).toBeVisible();
    await expect(v.props().getByTestId("detail-name")).toContainText("shop.orders.v1");
    await expect(v.props().getByTestId("node-details")).toContainText("Partitions");
    await expect(v.props().getByRole("table", { name: "Topic configs" })).toContainText("retention.ms");
    await expect(v.props().getByRole("textbox")).toHaveCount(0);
    // Nodes do not move for a viewer (its place on the canvas stays; a press on it may pan the view).
    const node = v.node("Topic shop.orders.v1");
    const place = () => node.evaluate((el) => (el as HTMLElement).style.transform);
    const was = await place();
    const at = (await node.boundingBox())!;
    await vp.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await vp.mouse.down();
    await vp.mouse.move(at.x + at.width / 2 + 120, at.y + at.height / 2 + 60, { steps: 6 });
    await vp.mouse.up();
    expect(await place()).toBe(was);
    await context.close();
  }
});
