import { describe, expect, it } from "vitest";
import { brokerOverridesApplied, nextBrokerOverrides, toBrokerConfigViews } from "./broker-config";

const entries = [
  { configName: "log.cleaner.threads", configValue: "2", configSource: 2, readOnly: false, isSensitive: false },
  { configName: "num.io.threads", configValue: "8", configSource: 4, readOnly: false, isSensitive: false },
  { configName: "log.dirs", configValue: "/data", configSource: 4, readOnly: true, isSensitive: false },
  { configName: "message.max.bytes", configValue: "1048588", configSource: 5, readOnly: false, isSensitive: false },
];

describe("a broker's configuration", () => {
  it("shows where each value comes from and what can change at run time", () => {
    const v = toBrokerConfigViews(entries);
    expect(v.map((x) => [x.name, x.source, x.isDynamic, x.dynamicallyUpdatable])).toEqual([
      ["log.cleaner.threads", "broker (dynamic)", true, true],
      ["log.dirs", "broker (server.properties)", false, false],
      ["message.max.bytes", "Kafka default", false, true],
      ["num.io.threads", "broker (server.properties)", false, true],
    ]);
  });

  it("keeps the other dynamic settings when one is set or removed", () => {
    expect(nextBrokerOverrides(entries, { set: { "num.io.threads": "16" }, remove: [] })).toEqual({
      ok: true,
      overrides: { "log.cleaner.threads": "2", "num.io.threads": "16" },
      before: { "num.io.threads": null },
    });
    expect(nextBrokerOverrides(entries, { set: {}, remove: ["log.cleaner.threads"] })).toMatchObject({ ok: true, overrides: {}, before: { "log.cleaner.threads": "2" } });
  });

  it("refuses what cannot change at run time, and a change that would lose hidden values", () => {
    expect(nextBrokerOverrides(entries, { set: { "log.dirs": "/x" }, remove: [] })).toMatchObject({ ok: false, key: "log.dirs" });
    expect(nextBrokerOverrides([...entries, { configName: "ssl.keystore.password", configValue: null, configSource: 2, readOnly: false, isSensitive: true }], { set: { "num.io.threads": "4" }, remove: [] })).toMatchObject({
      ok: false,
      error: expect.stringContaining("ssl.keystore.password"),
    });
  });

  it("knows when the broker describes exactly the settings it was given", () => {
    expect(brokerOverridesApplied(entries, { "log.cleaner.threads": "2" })).toBe(true);
    expect(brokerOverridesApplied(entries, {})).toBe(false);
    expect(brokerOverridesApplied(entries, { "log.cleaner.threads": "3" })).toBe(false);
    expect(brokerOverridesApplied(entries, { "log.cleaner.threads": "2", "num.io.threads": "16" })).toBe(false);
  });
});
