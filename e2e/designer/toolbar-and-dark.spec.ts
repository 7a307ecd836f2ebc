import { expect, test } from "@playwright/test";
import { DesignerPage } from "./designer.page";

// Issue 12, items 18 and 19: the designer's toolbar keeps to one line at 1440 px with a cluster bound, and the
// canvas is readable in dark mode (prefers-color-scheme), nodes and React Flow's own parts alike.

/** Relative luminance of a CSS rgb() colour (WCAG). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).slice(0, 3).map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test("the toolbar is one line at 1440 px with a cluster bound; exports are in a menu", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const d = new DesignerPage(page);
  await d.createFromExample();
  await page.getByLabel("Bound cluster").selectOption({ label: "local" });
  await expect(page.getByRole("link", { name: "Plan & apply" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh drift" })).toBeVisible();
  const toolbar = d.toolbar();
  const tops = await toolbar.evaluate((el) => [...el.children].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)));
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
  expect((await toolbar.boundingBox())!.height).toBeLessThan(52);

  await toolbar.getByRole("button", { name: "Export" }).click();
  await expect(page.getByRole("menu", { name: "Export" }).getByRole("menuitem")).toHaveText(["Export JSON", "Export AsyncAPI 3.1", "Export AsyncAPI 3.0"]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu", { name: "Export" })).toHaveCount(0);
});

test("dark mode: the canvas, its nodes, edges, minimap and controls use the dark palette and stay readable", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const d = new DesignerPage(page);
  await d.createFromExample();
  const colours = await page.evaluate(() => {
    const css = (sel: string, prop: string) => getComputedStyle(document.querySelector(sel)!).getPropertyValue(prop);
    return {
      pane: css(".react-flow", "background-color"),
      node: css(".dnode", "background-color"),
      nodeText: css(".dnode-title", "color"),
      nodeSub: css(".dnode-sub", "color"),
      minimap: css(".react-flow__minimap", "background-color"),
      control: css(".react-flow__controls-button", "background-color"),
      controlIcon: css(".react-flow__controls-button", "color"),
      edge: css(".react-flow__edge-path", "stroke"),
      dark: document.querySelector(".react-flow")!.classList.contains("dark"),
    };
  });
  expect(colours.dark).toBe(true);
  // Dark surfaces, light text.
  for (const surface of [colours.pane, colours.node, colours.minimap, colours.control]) expect(luminance(surface)).toBeLessThan(0.05);
  expect(contrast(colours.nodeText, colours.node)).toBeGreaterThan(7);
  expect(contrast(colours.nodeSub, colours.node)).toBeGreaterThan(4.5);
  expect(contrast(colours.controlIcon, colours.control)).toBeGreaterThan(4.5);
  // Edges stand out from the pane.
  expect(contrast(colours.edge, colours.pane)).toBeGreaterThan(3);
});
