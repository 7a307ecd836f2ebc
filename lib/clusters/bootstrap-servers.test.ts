import { describe, expect, it } from "vitest";
import { formatBootstrapServers, parseBootstrapServers } from "./bootstrap-servers";

describe("parseBootstrapServers", () => {
  it("accepts host names, IPv4 and bracketed IPv6 with ports", () => {
    const r = parseBootstrapServers("broker-1.example.com:9092, 10.0.0.5:9093,[::1]:9094");
    expect(r).toEqual({
      ok: true,
      value: [
        { host: "broker-1.example.com", port: 9092 },
        { host: "10.0.0.5", port: 9093 },
        { host: "::1", port: 9094 },
      ],
    });
  });

  it("refuses an empty list", () => {
    expect(parseBootstrapServers("  ")).toEqual({ ok: false, error: expect.stringContaining("at least one") });
  });

  it.each([
    ["localhost", "not host:port"],
    ["localhost:", "not host:port"],
    ["http://broker:9092", "not host:port"],
    ["bad host:9092", "not host:port"],
    ["broker:0", "out of range"],
    ["broker:70000", "out of range"],
    ["999.1.1.1:9092", "not a valid host"],
    ["-broker:9092", "not a valid host"],
  ])("refuses %s with a reason", (input, reason) => {
    const r = parseBootstrapServers(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it("round-trips through formatBootstrapServers", () => {
    const r = parseBootstrapServers("a:1 , b:2,[fe80::1]:3");
    expect(r.ok && formatBootstrapServers(r.value)).toBe("a:1,b:2,[fe80::1]:3");
  });
});
