import { describe, expect, it } from "vitest";
import type { ScanDone, ScanMeta, ScanProgress, ScannedMessage } from "@/lib/messages/scan-events";
import { initialScanResults, partitionProgress, scanAction, scanResultsReducer, scanStatusText, shownMessages, TAIL_BUFFER, type ScanAction, type ScanResults } from "./scan-results-state";

const msg = (offset: number, timestamp = offset): ScannedMessage => ({ partition: 0, offset: String(offset), timestamp, key: null, value: null, headers: [] });
const batch = (...offsets: number[]): ScanAction => ({ type: "messages", batch: offsets.map((o) => msg(o)) });
const run = (...actions: ScanAction[]): ScanResults => actions.reduce(scanResultsReducer, initialScanResults());
const offsets = (list: ScannedMessage[]) => list.map((m) => Number(m.offset));

describe("scanResultsReducer", () => {
  it("a search keeps messages in the order they came", () => {
    expect(offsets(run({ type: "begin", mode: "search" }, batch(1, 2), batch(3)).messages)).toEqual([1, 2, 3]);
  });

  it("a live tail shows the newest first and keeps at most TAIL_BUFFER", () => {
    const r = run({ type: "begin", mode: "tail" }, batch(1, 2), batch(3));
    expect(offsets(r.messages)).toEqual([3, 2, 1]);
    const many = run({ type: "begin", mode: "tail" }, batch(...Array.from({ length: TAIL_BUFFER + 10 }, (_, i) => i)));
    expect(many.messages).toHaveLength(TAIL_BUFFER);
    expect(many.messages[0].offset).toBe(String(TAIL_BUFFER + 9));
  });

  it("a paused tail holds what arrives and shows it, newest first, on resume", () => {
    const paused = run({ type: "begin", mode: "tail" }, batch(1), { type: "togglePause" }, batch(2, 3));
    expect(offsets(paused.messages)).toEqual([1]);
    expect(offsets(paused.held)).toEqual([3, 2]);
    const resumed = scanResultsReducer(paused, { type: "togglePause" });
    expect(resumed.paused).toBe(false);
    expect(resumed.held).toEqual([]);
    expect(offsets(resumed.messages)).toEqual([3, 2, 1]);
  });

  it("does not reverse the batch it was given (React may run a reducer twice)", () => {
    const action = batch(1, 2);
    run({ type: "begin", mode: "tail" }, action);
    expect(offsets((action as { batch: ScannedMessage[] }).batch)).toEqual([1, 2]);
  });

  it("a new search or tail starts empty and unpaused", () => {
    const r = run({ type: "begin", mode: "tail" }, batch(1), { type: "togglePause" }, batch(2), { type: "begin", mode: "search" });
    expect(r).toEqual({ ...initialScanResults(), mode: "search" });
  });
});

describe("scanAction", () => {
  it("turns the stream's events into actions and ignores the rest", () => {
    expect(scanAction("messages", [msg(1)])).toEqual({ type: "messages", batch: [msg(1)] });
    expect(scanAction("done", { reason: "limit" })).toEqual({ type: "done", done: { reason: "limit" } });
    expect(scanAction("error", { message: "x" })).toBeNull();
  });
});

describe("what is shown", () => {
  const progress: ScanProgress = { scanned: 1200, matched: 3, elapsedMs: 1500, partitions: [{ partition: 0, position: 60, end: 110 }, { partition: 1, position: 5, end: 5 }] };
  const meta: ScanMeta = { topic: "t", partitions: [{ partition: 0, start: 10, end: 110 }, { partition: 1, start: 5, end: 5 }], startedAt: "", order: "time" };
  const done: ScanDone = { reason: "completed", scanned: 1200, matched: 3, elapsedMs: 1500, evaluationErrors: { missing: 2, type: 0, other: 0, example: null } };

  it("the latest N newest first; other searches and tails as they are", () => {
    const r = run({ type: "begin", mode: "search" }, { type: "messages", batch: [msg(1, 30), msg(2, 10), msg(3, 20)] });
    expect(offsets(shownMessages(r, "latest"))).toEqual([1, 3, 2]);
    expect(offsets(shownMessages(r, "earliest"))).toEqual([1, 2, 3]);
    expect(shownMessages(r, "earliest")).toBe(r.messages);
  });

  it("says where a search is, and why it ended", () => {
    const searching = run({ type: "begin", mode: "search" }, { type: "progress", progress });
    expect(scanStatusText(searching, true)).toBe(`Searching… · scanned ${(1200).toLocaleString()} · matched 3 · 1.5 s`);
    const ended = scanResultsReducer(searching, { type: "done", done });
    expect(scanStatusText(ended, false)).toBe(
      `Search ended · scanned ${(1200).toLocaleString()} · matched 3 · 1.5 s · reached the end offsets captured when the search started · 2 message(s) lacked a field the expression reads`,
    );
  });

  it("says when results come in time order across partitions", () => {
    const meta: ScanMeta = { topic: "t", partitions: [{ partition: 0, start: 0, end: 5 }, { partition: 1, start: 0, end: 5 }], startedAt: "", order: "time" };
    const searching = run({ type: "begin", mode: "search" }, { type: "meta", meta }, { type: "progress", progress });
    expect(scanStatusText(searching, true)).toContain(" · in time order across partitions");
    const onePartition = run({ type: "begin", mode: "search" }, { type: "meta", meta: { ...meta, partitions: [meta.partitions[0]] } });
    expect(scanStatusText(onePartition, true)).not.toContain("time order");
  });

  it("says whether a tail follows, is paused or stopped", () => {
    const tail = run({ type: "begin", mode: "tail" });
    expect(scanStatusText(tail, true)).toBe("Following new messages…");
    expect(scanStatusText(scanResultsReducer(tail, { type: "togglePause" }), true)).toBe("Live tail paused");
    expect(scanStatusText(tail, false)).toBe("Live tail stopped");
  });

  it("shows each partition's progress from its start to the captured end, for a search only", () => {
    const r = run({ type: "begin", mode: "search" }, { type: "meta", meta }, { type: "progress", progress });
    expect(partitionProgress(r).map((p) => [p.partition, p.percent])).toEqual([
      [0, 50],
      [1, 100],
    ]);
    expect(partitionProgress({ ...r, mode: "tail" })).toEqual([]);
  });
});
