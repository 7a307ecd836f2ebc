import { describe, expect, it } from "vitest";
import { SCAN_BOUNDS } from "@/lib/messages/scan-schema";
import { initialSearchForm, parsePartitions, partitionsError, searchFormReducer, toScanRequest, type SearchForm, type SearchFormAction } from "./search-form-state";

const apply = (...actions: SearchFormAction[]): SearchForm => actions.reduce(searchFormReducer, initialSearchForm());

describe("searchFormReducer", () => {
  it("starts from the latest 100 messages of every partition, with the default limits", () => {
    expect(initialSearchForm()).toMatchObject({ startKind: "latest", startValue: "100", partitionText: "", limit: 500, maxScanned: 5_000_000, maxSeconds: 60, expression: "" });
  });

  it("keeps what is typed, one field at a time", () => {
    const s = apply({ type: "startKind", value: "offset" }, { type: "startValue", value: "42" }, { type: "filter", field: "headerKey", value: "source" }, { type: "expression", value: "value.total > 1" });
    expect(s).toMatchObject({ startKind: "offset", startValue: "42", expression: "value.total > 1" });
    expect(s.filters).toEqual({ keyEquals: "", keyContains: "", valueContains: "", headerKey: "source", headerValue: "" });
  });

  it("does not change the state it was given", () => {
    const before = initialSearchForm();
    searchFormReducer(before, { type: "filter", field: "keyEquals", value: "k" });
    expect(before.filters.keyEquals).toBe("");
  });

  it("keeps each limit between 1 and its bound", () => {
    expect(apply({ type: "limit", field: "limit", value: "0" }).limit).toBe(1);
    expect(apply({ type: "limit", field: "limit", value: "" }).limit).toBe(1);
    expect(apply({ type: "limit", field: "limit", value: "20" }).limit).toBe(20);
    expect(apply({ type: "limit", field: "limit", value: "999999" }).limit).toBe(SCAN_BOUNDS.limit.max);
    expect(apply({ type: "limit", field: "maxScanned", value: "1e12" }).maxScanned).toBe(SCAN_BOUNDS.maxScanned.max);
    expect(apply({ type: "limit", field: "maxSeconds", value: "100000" }).maxSeconds).toBe(SCAN_BOUNDS.maxDurationMs.max / 1000);
  });
});

describe("partitions", () => {
  it("are read from commas or spaces; none typed means every partition", () => {
    expect(parsePartitions("0, 2 3,,4")).toEqual([0, 2, 3, 4]);
    expect(parsePartitions("  ")).toBeNull();
  });

  it("must be whole numbers below the partition count", () => {
    expect(partitionsError([0, 1], 2)).toBeNull();
    expect(partitionsError(null, 2)).toBeNull();
    expect(partitionsError([2], 2)).toBe("Partitions are 0 to 1");
    expect(partitionsError([-1], 2)).toBe("Partitions are 0 to 1");
    expect(partitionsError([Number("x")], 2)).toBe("Partitions are 0 to 1");
  });
});

describe("toScanRequest", () => {
  it("never leaves the start value blank when the start kind changes (issue 12, item 18)", () => {
    const now = new Date(2026, 11, 2, 15, 30).getTime();
    const toTime = apply({ type: "startKind", value: "timestamp", now });
    expect(toTime.startValue).toBe("2026-12-02T14:30");
    const back = searchFormReducer(toTime, { type: "startKind", value: "latest", now });
    expect(back).toMatchObject({ startKind: "latest", startValue: "100" });
    const offset = searchFormReducer(searchFormReducer(back, { type: "startValue", value: "42" }), { type: "startKind", value: "offset", now });
    expect(offset.startValue).toBe("42");
    expect(searchFormReducer(toTime, { type: "startKind", value: "offset", now }).startValue).toBe("0");
    const typedTime = searchFormReducer(toTime, { type: "startValue", value: "2025-01-02T03:04" });
    expect(searchFormReducer(searchFormReducer(typedTime, { type: "startKind", value: "earliest" }), { type: "startKind", value: "timestamp", now }).startValue).toBe("2025-01-02T03:04");
  });

  it("asks for the latest N, sending only the filters that were filled in", () => {
    const s = apply({ type: "filter", field: "valueContains", value: "gold" }, { type: "partitions", value: "1" }, { type: "limit", field: "maxSeconds", value: "5" });
    expect(toScanRequest(s, "orders", "search")).toEqual({
      topic: "orders",
      partitions: [1],
      start: { kind: "latest", count: 100 },
      limit: 500,
      maxScanned: 5_000_000,
      maxDurationMs: 5000,
      filters: { valueContains: "gold" },
      expression: "",
    });
  });

  it("reads the start from its kind, falling back where the value is empty", () => {
    const startOf = (...a: SearchFormAction[]) => toScanRequest(apply(...a), "t", "search").start;
    expect(startOf({ type: "startKind", value: "earliest" })).toEqual({ kind: "earliest" });
    expect(startOf({ type: "startValue", value: "" })).toEqual({ kind: "latest", count: 100 });
    expect(startOf({ type: "startKind", value: "offset" }, { type: "startValue", value: "17" })).toEqual({ kind: "offset", offset: 17 });
    expect(startOf({ type: "startKind", value: "offset" }, { type: "startValue", value: "" })).toEqual({ kind: "offset", offset: 0 });
    expect(startOf({ type: "startKind", value: "timestamp" }, { type: "startValue", value: "2025-01-02T03:04:05Z" })).toEqual({ kind: "timestamp", timestamp: Date.UTC(2025, 0, 2, 3, 4, 5) });
    expect(startOf({ type: "startKind", value: "timestamp" }, { type: "startValue", value: "not a time" })).toEqual({ kind: "timestamp", timestamp: 0 });
  });

  it("lets a live tail run as long as a scan may", () => {
    expect(toScanRequest(initialSearchForm(), "t", "tail").maxDurationMs).toBe(SCAN_BOUNDS.maxDurationMs.max);
  });
});
