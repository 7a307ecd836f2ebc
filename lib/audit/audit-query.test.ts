import { describe, expect, it } from "vitest";
import { actionChoices, auditPageHref, hidesAutosaves, auditQuerySchema, auditSearchParams, filtersFromSearchParams, NO_AUDIT_FILTERS, startOfLocalDay } from "./audit-query";

describe("auditQuerySchema", () => {
  it("reads blank fields as no filter and the page as a number", () => {
    expect(auditQuerySchema.parse({ user: "", action: " ", outcome: "", from: "", page: "2" })).toEqual({ page: 2 });
    expect(auditQuerySchema.parse({})).toEqual({ page: 0 });
  });

  it("accepts instants with a zone and refuses anything else", () => {
    expect(auditQuerySchema.safeParse({ from: "2025-03-01T00:00:00.000Z", to: "2025-03-02T00:00:00+01:00" }).success).toBe(true);
    expect(auditQuerySchema.safeParse({ from: "2025-03-01" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ outcome: "maybe" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ cluster: "a b" }).success).toBe(false);
  });

  it("refuses a range that ends before it starts", () => {
    const r = auditQuerySchema.safeParse({ from: "2025-03-02T00:00:00Z", to: "2025-03-01T00:00:00Z" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["to"]);
  });
});

describe("auditSearchParams", () => {
  it("turns local days into instants, the last day included whole", () => {
    const p = auditSearchParams({ ...NO_AUDIT_FILTERS, outcome: "failed", fromDay: "2025-03-01", toDay: "2025-03-01" }, 3);
    expect(p.get("from")).toBe(new Date(2025, 2, 1).toISOString());
    expect(p.get("to")).toBe(new Date(2025, 2, 2).toISOString());
    expect(p.get("outcome")).toBe("failed");
    expect(p.get("page")).toBe("3");
    expect(p.has("user")).toBe(false);
    expect(auditQuerySchema.safeParse(Object.fromEntries(p)).success).toBe(true);
  });

  it("rolls over month ends and ignores malformed days", () => {
    expect(startOfLocalDay("2024-12-31", true)).toEqual(new Date(2025, 0, 1));
    expect(startOfLocalDay("31/12/2024")).toBeUndefined();
    expect(auditSearchParams({ ...NO_AUDIT_FILTERS, fromDay: "soon" }, 0).has("from")).toBe(false);
  });
});

describe("the designer's autosaves", () => {
  it("are hidden unless asked for, or unless the action filter names them", () => {
    expect(hidesAutosaves({})).toBe(true);
    expect(hidesAutosaves({ action: "design." })).toBe(true);
    expect(hidesAutosaves({ autosaves: "show" })).toBe(false);
    expect(hidesAutosaves({ action: "design.save" })).toBe(false);
    expect(hidesAutosaves({ action: "design.layout" })).toBe(false);
  });
});

describe("the page address", () => {
  it("round-trips the filters and drops what is not a filter value", () => {
    const f = { user: "ada", action: "topic.", cluster: "c1", outcome: "refused", fromDay: "2025-01-02", toDay: "2025-01-05", autosaves: "show" };
    const href = auditPageHref(f);
    expect(href.startsWith("/audit?")).toBe(true);
    expect(filtersFromSearchParams(Object.fromEntries(new URLSearchParams(href.slice("/audit?".length))))).toEqual(f);
    expect(auditPageHref(NO_AUDIT_FILTERS)).toBe("/audit");
    expect(filtersFromSearchParams({ outcome: "maybe", from: "yesterday", user: ["a", "b"] })).toEqual({ ...NO_AUDIT_FILTERS, user: "a" });
  });
});

describe("actionChoices", () => {
  it("offers each domain, then its actions", () => {
    expect(actionChoices(["topic.delete", "design.save", "topic.create", "topic.create"]).map((c) => c.value)).toEqual([
      "design.",
      "design.save",
      "topic.",
      "topic.create",
      "topic.delete",
    ]);
    expect(actionChoices(["legacy"]).map((c) => c.value)).toEqual(["legacy"]);
  });
});
