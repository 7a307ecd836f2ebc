"use client";
import type { Dispatch } from "react";
import { FieldError } from "@/components/ui/field-error";
import { LIMIT_MAX, type FilterField, type LimitField, type SearchForm as SearchFormState, type SearchFormAction, type StartKind } from "./search-form-state";

const FILTERS: { field: FilterField; label: string; placeholder?: string; ariaLabel?: string }[] = [
  { field: "keyEquals", label: "Key equals" },
  { field: "keyContains", label: "Key contains" },
  { field: "valueContains", label: "Value contains" },
  { field: "headerKey", label: "Header", placeholder: "name", ariaLabel: "Header name" },
  { field: "headerValue", label: "equals", placeholder: "value", ariaLabel: "Header value" },
];

const LIMITS: { field: LimitField; label: string }[] = [
  { field: "limit", label: "Max results" },
  { field: "maxScanned", label: "Max scanned" },
  { field: "maxSeconds", label: "Max seconds" },
];

const START_VALUE_LABEL: Record<Exclude<StartKind, "earliest">, string> = { latest: "N (newest messages)", offset: "Offset", timestamp: "Time" };

export interface StreamControls {
  running: boolean;
  /** A live tail is running. */
  tailing: boolean;
  paused: boolean;
  /** Tailed messages held while paused. */
  waiting: number;
  search: () => void;
  tail: () => void;
  stop: () => void;
  togglePause: () => void;
}

/** Where to start, which partitions, quick filters, a CEL expression and limits; then search or follow live. */
export function SearchForm({
  form,
  dispatch,
  partitionCount,
  expressionError,
  partitionError,
  stream,
  onDownload,
  onToggleProduce,
}: {
  form: SearchFormState;
  dispatch: Dispatch<SearchFormAction>;
  partitionCount: number;
  expressionError: string | null;
  partitionError: string | null;
  stream: StreamControls;
  /** Null while there is nothing to download. */
  onDownload: (() => void) | null;
  /** Null when producing is not offered. */
  onToggleProduce: (() => void) | null;
}) {
  const invalid = !!expressionError || !!partitionError;
  return (
    <form
      className="scan-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) stream.search();
      }}
    >
      <div className="scan-grid">
        <label>
          Start
          <select value={form.startKind} onChange={(e) => dispatch({ type: "startKind", value: e.target.value as StartKind, now: Date.now() })} aria-label="Start from">
            <option value="earliest">earliest</option>
            <option value="latest">latest N</option>
            <option value="offset">offset</option>
            <option value="timestamp">timestamp</option>
          </select>
        </label>
        {form.startKind !== "earliest" && (
          <label>
            {START_VALUE_LABEL[form.startKind]}
            <input
              type={form.startKind === "timestamp" ? "datetime-local" : "number"}
              value={form.startValue}
              onChange={(e) => dispatch({ type: "startValue", value: e.target.value })}
              aria-label="Start value"
            />
          </label>
        )}
        <label>
          Partitions
          <input value={form.partitionText} onChange={(e) => dispatch({ type: "partitions", value: e.target.value })} placeholder={`all (0–${partitionCount - 1})`} aria-label="Partitions" />
        </label>
        {FILTERS.map(({ field, label, placeholder, ariaLabel }) => (
          <label key={field}>
            {label}
            <input value={form.filters[field]} onChange={(e) => dispatch({ type: "filter", field, value: e.target.value })} placeholder={placeholder} aria-label={ariaLabel} />
          </label>
        ))}
      </div>
      <label className="expression">
        Filter expression (CEL) over key, value (JSON), headers, partition, offset, timestamp
        <input
          value={form.expression}
          onChange={(e) => dispatch({ type: "expression", value: e.target.value })}
          placeholder='value.total > 100 && headers.source == "web"'
          spellCheck={false}
          aria-label="Filter expression"
          aria-invalid={!!expressionError}
        />
      </label>
      <FieldError as="pre" className="expression-error" alert testId="expression-error">
        {expressionError}
      </FieldError>
      <FieldError>{partitionError}</FieldError>
      <div className="scan-limits">
        {LIMITS.map(({ field, label }) => (
          <label key={field}>
            {label}
            <input type="number" min={1} max={LIMIT_MAX[field]} value={form[field]} onChange={(e) => dispatch({ type: "limit", field, value: e.target.value })} />
          </label>
        ))}
        <div className="actions">
          {stream.running ? (
            // Keyed apart from Search: reusing one <button> element would turn the Stop click into a submit.
            <button key="stop" type="button" className="danger" onClick={stream.stop}>
              Stop
            </button>
          ) : (
            <button key="search" type="submit" disabled={invalid}>
              Search
            </button>
          )}
          {stream.tailing ? (
            <button type="button" className="secondary" onClick={stream.togglePause}>
              {stream.paused ? `Resume (${stream.waiting} waiting)` : "Pause"}
            </button>
          ) : (
            <button type="button" className="secondary" onClick={stream.tail} disabled={stream.running || invalid}>
              Live tail
            </button>
          )}
          <button type="button" className="secondary" disabled={!onDownload} onClick={onDownload ?? undefined}>
            Download JSON lines
          </button>
          {onToggleProduce && (
            <button type="button" className="secondary" onClick={onToggleProduce}>
              Produce
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
