import { describe, expect, it } from "vitest";
import { humanConfigValue } from "./config-units";

describe("config values in human units", () => {
  it.each([
    ["retention.ms", "604800000", "7 d"],
    ["retention.ms", "3600000", "1 h"],
    ["retention.ms", "5400000", "1 h 30 min"],
    ["delete.retention.ms", "86400000", "1 d"],
    ["segment.ms", "90061000", "1 d 1 h"],
    ["file.delete.delay.ms", "60000", "1 min"],
    ["retention.ms", "-1", "forever"],
    ["flush.ms", "9223372036854775807", "never"],
    ["segment.bytes", "1073741824", "1 GiB"],
    ["max.message.bytes", "1048588", "1.0 MiB"],
    ["segment.index.bytes", "10485760", "10 MiB"],
    ["retention.bytes", "-1", "no limit"],
    ["local.retention.ms", "-2", "as retention.ms"],
  ])("%s = %s reads %s", (key, value, human) => {
    expect(humanConfigValue(key, value)).toBe(human);
  });

  it.each([
    ["cleanup.policy", "delete"],
    ["min.insync.replicas", "2"],
    ["retention.ms", "500"],
    ["index.interval.bytes", "512"],
    ["retention.ms", "soon"],
    ["retention.ms", null],
  ])("%s = %s needs no translation", (key, value) => {
    expect(humanConfigValue(key, value)).toBeNull();
  });
});
