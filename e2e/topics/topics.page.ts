import { expect, type Page } from "@playwright/test";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A cluster's topic list and a topic's detail page, located as a user sees them. */
export class TopicsPage {
  constructor(readonly page: Page) {}

  /** Opens a cluster's overview from the clusters list; gives the cluster's id. */
  async openCluster(name: string) {
    await this.page.goto("/clusters");
    await this.page.getByTestId(`cluster-row-${name}`).getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(name);
    return this.page.url().split("/").pop()!;
  }

  createDialog = () => this.page.getByRole("dialog", { name: "Create topic" });

  async createTopic(name: string, opts: { partitions?: number; configs?: Record<string, string> } = {}) {
    await this.page.getByRole("button", { name: "Create topic" }).click();
    const dialog = this.createDialog();
    await dialog.getByLabel("Name", { exact: true }).fill(name);
    if (opts.partitions) await dialog.getByLabel("Partitions", { exact: true }).fill(String(opts.partitions));
    for (const [key, value] of Object.entries(opts.configs ?? {})) {
      await dialog.getByLabel("Add a config").selectOption(key);
      await dialog.getByLabel(key, { exact: true }).fill(value);
    }
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Searches the topic list and waits until the answer is for this search. */
  async search(text: string) {
    await this.page.getByLabel("Search topics").fill(text);
  }
  row = (name: string) => this.page.getByTestId(`topic-row-${name}`);

  async openTopic(name: string) {
    await this.search(name);
    await this.row(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`/topics/${escapeRegExp(encodeURIComponent(name))}$`));
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(name);
  }

  partitions = () => this.page.getByRole("table", { name: "Partitions" });
  /** Body rows of the partitions table. */
  partitionRows = () => this.partitions().locator("tbody tr");
  config = (key: string) => this.page.getByTestId(`config-${key}`);
  /** The "override" badge of a config row (its source column says "topic override" too). */
  overrideBadge = (key: string) => this.config(key).getByText("override", { exact: true });
  valueCell = (key: string) => this.config(key).getByRole("cell").nth(1);
  /** The raw value (the cell also says it in human units for times and sizes). */
  rawValue = (key: string) => this.valueCell(key).locator("code");
  /** Opens one of the topic page's tabs (Messages, Consumers, Partitions, Configuration). */
  async openTab(name: "Messages" | "Consumers" | "Partitions" | "Configuration") {
    await this.page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
    await expect(this.page.getByRole("tab", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-selected", "true");
  }
  /** The value a config has without the topic's override (the cell may also name the broker setting it comes from). */
  defaultValue = (key: string) => this.config(key).getByRole("cell").nth(2).locator("code");
  summary = () => this.page.getByTestId("topic-summary");
}
