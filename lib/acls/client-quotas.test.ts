import { describe, expect, it } from "vitest";
import { describeQuotaEntity, formatQuotaValue, setClientQuotasInputSchema } from "./client-quotas";
import { changeScramPasswordInputSchema, createScramUserInputSchema, mechanismName } from "./scram-users";

describe("client quota input", () => {
  const base = { clusterId: "c1", entity: [{ type: "client-id", name: "app" }, { type: "user", name: "alice" }] };
  it("puts the user first and takes whole byte rates and fractional percentages", () => {
    const v = setClientQuotasInputSchema.parse({ ...base, set: { producer_byte_rate: "1048576", request_percentage: 12.5 } });
    expect(v.entity.map((p) => p.type)).toEqual(["user", "client-id"]);
    expect(v.set).toEqual({ producer_byte_rate: 1048576, request_percentage: 12.5 });
  });
  it("refuses a fractional byte rate, a zero, a key both set and removed, nothing to do, a type twice", () => {
    expect(setClientQuotasInputSchema.safeParse({ ...base, set: { consumer_byte_rate: 10.5 } }).success).toBe(false);
    expect(setClientQuotasInputSchema.safeParse({ ...base, set: { consumer_byte_rate: 0 } }).success).toBe(false);
    expect(setClientQuotasInputSchema.safeParse({ ...base, set: { consumer_byte_rate: 10 }, remove: ["consumer_byte_rate"] }).success).toBe(false);
    expect(setClientQuotasInputSchema.safeParse({ ...base }).success).toBe(false);
    expect(setClientQuotasInputSchema.safeParse({ clusterId: "c1", entity: [{ type: "user", name: "a" }, { type: "user", name: null }], remove: ["request_percentage"] }).success).toBe(false);
  });
  it("says who a quota is for", () => {
    expect(describeQuotaEntity([{ type: "user", name: null }])).toBe("default user");
    expect(describeQuotaEntity([{ type: "user", name: "alice" }, { type: "client-id", name: null }])).toBe("user alice, default client id");
    expect(formatQuotaValue("producer_byte_rate", 1048576)).toBe("1,048,576 bytes/s");
  });
});

describe("SCRAM user input", () => {
  it("generates the password unless one of at least 12 characters is typed; SCRAM-SHA-512 and 8192 iterations by default", () => {
    expect(createScramUserInputSchema.parse({ clusterId: "c", username: "orders-svc" })).toMatchObject({ generatePassword: true, mechanism: "SCRAM-SHA-512", iterations: 8192 });
    expect(createScramUserInputSchema.safeParse({ clusterId: "c", username: "orders-svc", generatePassword: false, password: "short" }).success).toBe(false);
    expect(changeScramPasswordInputSchema.safeParse({ clusterId: "c", username: "x", generatePassword: false, password: "long enough password" }).success).toBe(true);
    expect(createScramUserInputSchema.safeParse({ clusterId: "c", username: "bad name" }).success).toBe(false);
    expect(createScramUserInputSchema.safeParse({ clusterId: "c", username: "a", iterations: 100 }).success).toBe(false);
  });
  it("names Kafka's mechanism codes", () => {
    expect(mechanismName(2)).toBe("SCRAM-SHA-512");
    expect(mechanismName(9)).toBe("unknown (9)");
  });
});
