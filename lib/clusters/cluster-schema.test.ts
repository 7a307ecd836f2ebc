import { describe, expect, it } from "vitest";
import { clusterInputSchema, testConnectionInputSchema } from "./cluster-schema";

const valid = { name: "prod eu-1", connection: { bootstrapServers: "b1:9092, b2:9092" } };

describe("clusterInputSchema", () => {
  it("normalizes the bootstrap list and fills defaults", () => {
    const v = clusterInputSchema.parse(valid);
    expect(v.connection.bootstrapServers).toBe("b1:9092,b2:9092");
    expect(v.readOnly).toBe(false);
    expect(v.connection.tls).toEqual({ enabled: false, rejectUnauthorized: true });
    expect(v.connection.sasl).toBeNull();
  });

  it("names the field that is wrong", () => {
    const r = clusterInputSchema.safeParse({ name: "", connection: { bootstrapServers: "nope" } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("name");
    expect(paths).toContain("connection.bootstrapServers");
  });

  it("accepts the three SASL mechanisms and refuses others", () => {
    for (const mechanism of ["plain", "scram-sha-256", "scram-sha-512"]) {
      expect(clusterInputSchema.safeParse({ ...valid, connection: { ...valid.connection, sasl: { mechanism, username: "u", password: "p" } } }).success).toBe(true);
    }
    expect(clusterInputSchema.safeParse({ ...valid, connection: { ...valid.connection, sasl: { mechanism: "gssapi", username: "u" } } }).success).toBe(false);
  });

  it("requires a SASL user name and a key with a client certificate", () => {
    expect(clusterInputSchema.safeParse({ ...valid, connection: { ...valid.connection, sasl: { mechanism: "plain", username: "" } } }).success).toBe(false);
    const r = clusterInputSchema.safeParse({ ...valid, connection: { ...valid.connection, tls: { enabled: true, cert: "-----BEGIN CERTIFICATE-----" } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path.join(".")).toBe("connection.tls.key");
  });

  it("refuses names with odd characters and wrong types", () => {
    expect(clusterInputSchema.safeParse({ ...valid, name: "<script>" }).success).toBe(false);
    expect(clusterInputSchema.safeParse({ ...valid, readOnly: "yes" }).success).toBe(false);
    expect(clusterInputSchema.safeParse("not an object").success).toBe(false);
  });

  it("validates the cluster id of a connection test", () => {
    expect(testConnectionInputSchema.safeParse({ clusterId: "../etc", connection: valid.connection }).success).toBe(false);
    expect(testConnectionInputSchema.safeParse({ clusterId: "abc123", connection: valid.connection }).success).toBe(true);
  });
});
