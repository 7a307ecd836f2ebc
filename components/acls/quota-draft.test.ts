import { describe, expect, it } from "vitest";
import { setClientQuotasInputSchema } from "@/lib/acls/client-quotas";
import { draftOfEntry, EMPTY_QUOTA_DRAFT, quotaChange } from "./quota-draft";

describe("the quota form", () => {
  it("sets what is typed, removes what was emptied, leaves what is unchanged", () => {
    const entry = { entity: [{ type: "user" as const, name: "alice" }, { type: "client-id" as const, name: null }], values: { producer_byte_rate: 1000, request_percentage: 50 } };
    const d = draftOfEntry(entry);
    expect(d).toMatchObject({ user: "name", userName: "alice", client: "default" });
    const change = quotaChange("c", { ...d, values: { ...d.values, request_percentage: "", consumer_byte_rate: "2048" } }, entry.values);
    expect(change).toEqual({ clusterId: "c", entity: entry.entity, set: { consumer_byte_rate: 2048 }, remove: ["request_percentage"] });
    expect(setClientQuotasInputSchema.safeParse(change).success).toBe(true);
  });
  it("a new quota for a client id only", () => {
    const change = quotaChange("c", { ...EMPTY_QUOTA_DRAFT, user: "none", client: "name", clientName: " app ", values: { ...EMPTY_QUOTA_DRAFT.values, producer_byte_rate: "1048576" } }, {});
    expect(change.entity).toEqual([{ type: "client-id", name: "app" }]);
    expect(change.set).toEqual({ producer_byte_rate: 1048576 });
  });
});
