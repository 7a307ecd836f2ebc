import { SCAN_BOUNDS, type QuickFilters, type ScanRequest } from "@/lib/messages/scan-schema";

// The message search form as a reducer: what the user typed, kept as typed, and the scan request it makes.

export type StartKind = ScanRequest["start"]["kind"];
export type FilterField = keyof QuickFilters;
/** The numeric limits, each kept between 1 and its bound. */
export type LimitField = "limit" | "maxScanned" | "maxSeconds";

export interface SearchForm {
  startKind: StartKind;
  /** N for "latest N", an offset, or a datetime-local value, as typed. */
  startValue: string;
  /** Partition numbers separated by commas or spaces; empty: every partition. */
  partitionText: string;
  limit: number;
  maxScanned: number;
  maxSeconds: number;
  filters: Record<FilterField, string>;
  /** A CEL expression over key, value, headers, partition, offset and timestamp. */
  expression: string;
}

export type SearchFormAction =
  /** `now` (ms) gives a time start its first value: an hour ago. */
  | { type: "startKind"; value: StartKind; now?: number }
  | { type: "startValue"; value: string }
  | { type: "partitions"; value: string }
  | { type: "filter"; field: FilterField; value: string }
  | { type: "expression"; value: string }
  | { type: "limit"; field: LimitField; value: string };

export const LIMIT_MAX: Record<LimitField, number> = {
  limit: SCAN_BOUNDS.limit.max,
  maxScanned: SCAN_BOUNDS.maxScanned.max,
  maxSeconds: SCAN_BOUNDS.maxDurationMs.max / 1000,
};

export function initialSearchForm(): SearchForm {
  return {
    startKind: "latest",
    startValue: "100",
    partitionText: "",
    limit: SCAN_BOUNDS.limit.default,
    maxScanned: SCAN_BOUNDS.maxScanned.default,
    maxSeconds: SCAN_BOUNDS.maxDurationMs.default / 1000,
    filters: { keyEquals: "", keyContains: "", valueContains: "", headerKey: "", headerValue: "" },
    expression: "",
  };
}

export function searchFormReducer(state: SearchForm, action: SearchFormAction): SearchForm {
  switch (action.type) {
    case "startKind":
      return { ...state, startKind: action.value, startValue: startValueFor(action.value, state.startValue, action.now ?? 0) };
    case "startValue":
      return { ...state, startValue: action.value };
    case "partitions":
      return { ...state, partitionText: action.value };
    case "filter":
      return { ...state, filters: { ...state.filters, [action.field]: action.value } };
    case "expression":
      return { ...state, expression: action.value };
    case "limit":
      return { ...state, [action.field]: Math.min(LIMIT_MAX[action.field], Math.max(1, Number(action.value))) };
  }
}

const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The value a start kind opens with: what was typed when it means something for the new kind (a number for N or an
 * offset, a time for a time), else the kind's own default, so the field is never left blank by the switch.
 */
export function startValueFor(kind: StartKind, typed: string, now: number): string {
  if (kind === "earliest") return typed; // no value; kept for the next switch
  if (kind === "timestamp") {
    if (DATETIME_LOCAL.test(typed)) return typed;
    const hourAgo = new Date(now - 3_600_000);
    return new Date(hourAgo.getTime() - hourAgo.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }
  if (typed.trim() !== "" && Number.isInteger(Number(typed)) && Number(typed) >= 0) return typed;
  return kind === "offset" ? "0" : "100";
}

/** The partitions typed, or null for every partition. */
export function parsePartitions(text: string): number[] | null {
  const list = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  return list.length ? list : null;
}

export function partitionsError(partitions: number[] | null, partitionCount: number): string | null {
  return partitions?.some((p) => !Number.isInteger(p) || p < 0 || p >= partitionCount) ? `Partitions are 0 to ${partitionCount - 1}` : null;
}

function start(form: SearchForm): ScanRequest["start"] {
  const n = Number(form.startValue);
  switch (form.startKind) {
    case "earliest":
      return { kind: "earliest" };
    case "latest":
      return { kind: "latest", count: n || 100 };
    case "offset":
      return { kind: "offset", offset: n || 0 };
    case "timestamp":
      return { kind: "timestamp", timestamp: new Date(form.startValue).getTime() || 0 };
  }
}

/** The search the form asks for; a live tail is the same request allowed to run as long as a scan may. */
export function toScanRequest(form: SearchForm, topic: string, mode: "search" | "tail"): ScanRequest {
  const filters = Object.fromEntries(Object.entries(form.filters).filter(([, v]) => v !== "")) as QuickFilters;
  const maxDurationMs = mode === "tail" ? SCAN_BOUNDS.maxDurationMs.max : form.maxSeconds * 1000;
  return { topic, partitions: parsePartitions(form.partitionText), start: start(form), limit: form.limit, maxScanned: form.maxScanned, maxDurationMs, filters, expression: form.expression };
}
