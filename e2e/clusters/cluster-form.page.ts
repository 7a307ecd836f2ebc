import { expect, type Page } from "@playwright/test";

/** The add/edit cluster form, located as a user sees it. */
export class ClusterFormPage {
  constructor(readonly page: Page) {}

  async openNew() {
    await this.page.goto("/clusters");
    await this.page.getByRole("link", { name: "Add cluster" }).click();
    await expect(this.page.getByRole("heading", { name: "Add cluster" })).toBeVisible();
  }

  name = () => this.page.getByLabel("Name", { exact: true });
  bootstrap = () => this.page.getByLabel("Bootstrap servers");

  async fill(name: string, bootstrap: string) {
    await this.name().fill(name);
    await this.bootstrap().fill(bootstrap);
  }

  testConnection = () => this.page.getByRole("button", { name: "Test connection" }).click();
  submit = () => this.page.getByRole("button", { name: /^(Add cluster|Save changes)$/ }).click();
}
