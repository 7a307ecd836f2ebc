import { describe, expect, it } from "vitest";
import { applyConfigChange, changedKeys, currentOverrides, toConfigViews, type RawConfigEntry } from "./topic-config-view";

const entry = (e: Partial<RawConfigEntry> & { configName: string }): RawConfigEntry => ({
  configValue: "v",
  configSource: 5,
  readOnly: false,
  isSensitive: false,
  configSynonyms: [],
  ...e,
});

describe("toConfigViews", () => {
  it("marks a topic override and takes its default from the next synonym, naming a differently named broker setting", () => {
    const [view] = toConfigViews([
      entry({
        configName: "retention.ms",
        configValue: "3600000",
        configSource: 1,
        configSynonyms: [
          { configName: "retention.ms", configValue: "3600000", configSource: 1 },
          { configName: "log.retention.hours", configValue: "168", configSource: 4 },
        ],
      }),
    ]);
    expect(view).toMatchObject({
      name: "retention.ms",
      value: "3600000",
      isOverride: true,
      source: "topic override",
      defaultValue: "168",
      defaultName: "log.retention.hours",
      defaultSource: "broker (server.properties)",
      editable: true,
    });
  });

  it("falls back to Kafka's default from the catalog when the broker sets nothing", () => {
    const [view] = toConfigViews([
      entry({ configName: "retention.ms", configValue: "60000", configSource: 1, configSynonyms: [{ configName: "retention.ms", configValue: "60000", configSource: 1 }] }),
    ]);
    expect(view).toMatchObject({ isOverride: true, defaultValue: "604800000", defaultSource: "Kafka default", defaultName: null });
  });

  it("shows a value that is not an override as its own default", () => {
    const [view] = toConfigViews([entry({ configName: "segment.bytes", configValue: "104857600", configSource: 4 })]);
    expect(view).toMatchObject({ isOverride: false, defaultValue: "104857600", defaultSource: "broker (server.properties)" });
  });

  it("lets only known, writable, non-sensitive configs be edited, and hides sensitive values", () => {
    const views = toConfigViews([
      entry({ configName: "unknown.thing" }),
      entry({ configName: "cleanup.policy", readOnly: true }),
      entry({ configName: "max.message.bytes", isSensitive: true, configValue: null }),
      entry({ configName: "compression.type" }),
    ]);
    expect(views.map((v) => [v.name, v.editable])).toEqual([
      ["cleanup.policy", false],
      ["compression.type", true],
      ["max.message.bytes", false],
      ["unknown.thing", false],
    ]);
    expect(views.find((v) => v.name === "max.message.bytes")?.value).toBeNull();
  });
});

describe("config overrides", () => {
  it("reads the current overrides and names those whose value Kafka hides", () => {
    expect(
      currentOverrides([
        entry({ configName: "retention.ms", configValue: "1", configSource: 1 }),
        entry({ configName: "segment.bytes", configValue: "2", configSource: 4 }),
        entry({ configName: "secret.thing", configValue: null, configSource: 1, isSensitive: true }),
      ]),
    ).toEqual({ overrides: { "retention.ms": "1" }, hidden: ["secret.thing"] });
  });

  it("applies a change to the full set: set, reset, and every other override stays", () => {
    const current = { "retention.ms": "1", "cleanup.policy": "compact", "max.message.bytes": "2000000" };
    const next = applyConfigChange(current, { set: { "retention.ms": "5", "segment.ms": "9" }, remove: ["cleanup.policy"] });
    expect(next).toEqual({ "retention.ms": "5", "max.message.bytes": "2000000", "segment.ms": "9" });
    expect(current).toEqual({ "retention.ms": "1", "cleanup.policy": "compact", "max.message.bytes": "2000000" });
    expect(changedKeys(current, next)).toEqual(["cleanup.policy", "retention.ms", "segment.ms"]);
    expect(changedKeys(current, applyConfigChange(current, { set: { "retention.ms": "1" }, remove: ["absent"] }))).toEqual([]);
  });
});
