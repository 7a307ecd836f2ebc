"use client";
import { useMemo, useRef, useState } from "react";
import { expressionError } from "@/lib/messages/message-filter";
import { DONE_REASON_TEXT, type ScanDone, type ScanMeta, type ScanProgress, type ScannedMessage } from "@/lib/messages/scan-events";
import { SCAN_BOUNDS, type ScanRequest } from "@/lib/messages/scan-schema";
import { useCan } from "@/components/auth/me-context";
import { downloadText } from "@/components/ui/download";
import { MessageList } from "./message-list";
import { ProduceForm } from "./produce-form";
import { useEventStream } from "./use-event-stream";

type StartKind = ScanRequest["start"]["kind"];
const TAIL_BUFFER = 1000;

/** Search a topic's messages on the server, follow it live, and produce to it. */
export function MessageBrowser({ clusterId, topic, partitionCount, readOnly }: { clusterId: string; topic: string; partitionCount: number; readOnly: boolean }) {
  const [startKind, setStartKind] = useState<StartKind>("latest");
  const [startValue, setStartValue] = useState("100");
  const [partitionText, setPartitionText] = useState("");
  const [limit, setLimit] = useState<number>(SCAN_BOUNDS.limit.default);
  const [maxScanned, setMaxScanned] = useState<number>(SCAN_BOUNDS.maxScanned.default);
  const [maxSeconds, setMaxSeconds] = useState(SCAN_BOUNDS.maxDurationMs.default / 1000);
  const [filters, setFilters] = useState({ keyEquals: "", keyContains: "", valueContains: "", headerKey: "", headerValue: "" });
  const [expression, setExpression] = useState("");
  const [messages, setMessages] = useState<ScannedMessage[]>([]);
  const [meta, setMeta] = useState<ScanMeta | null>(null);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [done, setDone] = useState<(ScanDone & { evaluationErrors?: number }) | null>(null);
  const [mode, setMode] = useState<"search" | "tail">("search");
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  const held = useRef<ScannedMessage[]>([]);
  const [showProduce, setShowProduce] = useState(false);
  const mayRead = useCan("messages:read", clusterId);
  const mayProduce = useCan("messages:write", clusterId);

  const exprError = useMemo(() => (expression.trim() ? expressionError(expression) : null), [expression]);
  const partitions = useMemo(() => {
    const list = partitionText
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    return list.length ? list : null;
  }, [partitionText]);
  const partitionError = partitions?.some((p) => !Number.isInteger(p) || p < 0 || p >= partitionCount) ? `Partitions are 0 to ${partitionCount - 1}` : null;

  const stream = useEventStream((event, data) => {
    if (event === "meta") setMeta(data as ScanMeta);
    else if (event === "progress") setProgress(data as ScanProgress);
    else if (event === "done") setDone(data as ScanDone);
    else if (event === "messages") {
      const batch = data as ScannedMessage[];
      if (mode === "tail") {
        if (pausedRef.current) held.current = [...batch.reverse(), ...held.current].slice(0, TAIL_BUFFER);
        else setMessages((m) => [...batch.reverse(), ...m].slice(0, TAIL_BUFFER));
      } else setMessages((m) => m.concat(batch));
    }
  });
  const running = stream.state === "running";

  function request(): ScanRequest {
    const n = Number(startValue);
    const start: ScanRequest["start"] =
      startKind === "earliest"
        ? { kind: "earliest" }
        : startKind === "latest"
          ? { kind: "latest", count: n || 100 }
          : startKind === "offset"
            ? { kind: "offset", offset: n || 0 }
            : { kind: "timestamp", timestamp: new Date(startValue).getTime() || 0 };
    const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== "")) as ScanRequest["filters"];
    return { topic, partitions, start, limit, maxScanned, maxDurationMs: maxSeconds * 1000, filters: f, expression };
  }

  function begin(kind: "search" | "tail") {
    setMode(kind);
    setMessages([]);
    setMeta(null);
    setProgress(null);
    setDone(null);
    held.current = [];
    setPaused(false);
    pausedRef.current = false;
    const q = encodeURIComponent(JSON.stringify(kind === "tail" ? { ...request(), maxDurationMs: SCAN_BOUNDS.maxDurationMs.max } : request()));
    void stream.start(`/api/clusters/${clusterId}/${kind === "tail" ? "tail" : "scan"}?q=${q}`);
  }

  function togglePause() {
    const next = !paused;
    setPaused(next);
    pausedRef.current = next;
    if (!next && held.current.length) {
      const h = held.current;
      held.current = [];
      setMessages((m) => [...h, ...m].slice(0, TAIL_BUFFER));
    }
  }

  const shownMessages = useMemo(
    // "Latest" reads the newest messages of every partition: show them newest first.
    () => (mode === "search" && startKind === "latest" ? [...messages].sort((a, b) => b.timestamp - a.timestamp) : messages),
    [messages, mode, startKind],
  );

  if (!mayRead) {
    return (
      <p className="muted" role="note" data-testid="messages-need-role">
        Browsing messages needs the operator role on this cluster.
      </p>
    );
  }

  return (
    <section className="message-browser" aria-label="Message browser">
      <form
        className="scan-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!exprError && !partitionError) begin("search");
        }}
      >
        <div className="scan-grid">
          <label>
            Start
            <select value={startKind} onChange={(e) => setStartKind(e.target.value as StartKind)} aria-label="Start from">
              <option value="earliest">earliest</option>
              <option value="latest">latest N</option>
              <option value="offset">offset</option>
              <option value="timestamp">timestamp</option>
            </select>
          </label>
          {startKind !== "earliest" && (
            <label>
              {startKind === "latest" ? "N (newest messages)" : startKind === "offset" ? "Offset" : "Time"}
              <input
                type={startKind === "timestamp" ? "datetime-local" : "number"}
                value={startValue}
                onChange={(e) => setStartValue(e.target.value)}
                aria-label="Start value"
              />
            </label>
          )}
          <label>
            Partitions
            <input value={partitionText} onChange={(e) => setPartitionText(e.target.value)} placeholder={`all (0–${partitionCount - 1})`} aria-label="Partitions" />
          </label>
          <label>
            Key equals
            <input value={filters.keyEquals} onChange={(e) => setFilters({ ...filters, keyEquals: e.target.value })} />
          </label>
          <label>
            Key contains
            <input value={filters.keyContains} onChange={(e) => setFilters({ ...filters, keyContains: e.target.value })} />
          </label>
          <label>
            Value contains
            <input value={filters.valueContains} onChange={(e) => setFilters({ ...filters, valueContains: e.target.value })} />
          </label>
          <label>
            Header
            <input value={filters.headerKey} onChange={(e) => setFilters({ ...filters, headerKey: e.target.value })} placeholder="name" aria-label="Header name" />
          </label>
          <label>
            equals
            <input value={filters.headerValue} onChange={(e) => setFilters({ ...filters, headerValue: e.target.value })} placeholder="value" aria-label="Header value" />
          </label>
        </div>
        <label className="expression">
          Filter expression (CEL) over key, value (JSON), headers, partition, offset, timestamp
          <input
            value={expression}
            onChange={(e) => setExpression(e.target.value)}
            placeholder='value.total > 100 && headers.source == "web"'
            spellCheck={false}
            aria-label="Filter expression"
            aria-invalid={!!exprError}
          />
        </label>
        {exprError && (
          <pre className="field-error expression-error" role="alert" data-testid="expression-error">
            {exprError}
          </pre>
        )}
        {partitionError && <p className="field-error">{partitionError}</p>}
        <div className="scan-limits">
          <label>
            Max results
            <input type="number" min={1} max={SCAN_BOUNDS.limit.max} value={limit} onChange={(e) => setLimit(Math.min(SCAN_BOUNDS.limit.max, Math.max(1, Number(e.target.value))))} />
          </label>
          <label>
            Max scanned
            <input type="number" min={1} max={SCAN_BOUNDS.maxScanned.max} value={maxScanned} onChange={(e) => setMaxScanned(Math.min(SCAN_BOUNDS.maxScanned.max, Math.max(1, Number(e.target.value))))} />
          </label>
          <label>
            Max seconds
            <input type="number" min={1} max={SCAN_BOUNDS.maxDurationMs.max / 1000} value={maxSeconds} onChange={(e) => setMaxSeconds(Math.min(SCAN_BOUNDS.maxDurationMs.max / 1000, Math.max(1, Number(e.target.value))))} />
          </label>
          <div className="actions">
            {running ? (
              // Keyed apart from Search: reusing one <button> element would turn the Stop click into a submit.
              <button key="stop" type="button" className="danger" onClick={stream.stop}>
                Stop
              </button>
            ) : (
              <button key="search" type="submit" disabled={!!exprError || !!partitionError}>
                Search
              </button>
            )}
            {running && mode === "tail" ? (
              <button type="button" className="secondary" onClick={togglePause}>
                {paused ? `Resume (${held.current.length} waiting)` : "Pause"}
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => begin("tail")} disabled={running || !!exprError || !!partitionError}>
                Live tail
              </button>
            )}
            <button type="button" className="secondary" disabled={!messages.length} onClick={() => downloadText(`${topic}.jsonl`, shownMessages.map((m) => JSON.stringify(m)).join("\n") + "\n", "application/x-ndjson")}>
              Download JSON lines
            </button>
            {!readOnly && mayProduce && (
              <button type="button" className="secondary" onClick={() => setShowProduce(!showProduce)}>
                Produce
              </button>
            )}
          </div>
        </div>
      </form>

      {showProduce && mayProduce && <ProduceForm clusterId={clusterId} topic={topic} partitionCount={partitionCount} />}
      {stream.error && (
        <p className="banner error" role="alert" data-testid="scan-error">
          {stream.error}
        </p>
      )}
      {(progress || running) && (
        <div className="scan-progress" data-testid="scan-progress" aria-live="polite">
          {mode === "tail" ? (running ? (paused ? "Live tail paused" : "Following new messages…") : "Live tail stopped") : running ? "Searching…" : "Search ended"}
          {progress && ` · scanned ${progress.scanned.toLocaleString()} · matched ${progress.matched.toLocaleString()} · ${(progress.elapsedMs / 1000).toFixed(1)} s`}
          {done && mode === "search" && ` · ${DONE_REASON_TEXT[done.reason]}`}
          {done?.evaluationErrors ? ` · ${done.evaluationErrors} message(s) lacked a field the expression reads` : ""}
          {progress && meta && mode === "search" && (
            <div className="partition-progress">
              {progress.partitions.map((p) => {
                const start = meta.partitions.find((x) => x.partition === p.partition)?.start ?? 0;
                const pct = p.end > start ? Math.round(((p.position - start) / (p.end - start)) * 100) : 100;
                return (
                  <span key={p.partition} title={`partition ${p.partition}: ${p.position} of ${p.end}`}>
                    p{p.partition} {pct}%
                  </span>
                );
              })}
            </div>
          )}
        </div>
      )}
      {messages.length > 0 ? (
        <MessageList messages={shownMessages} clusterId={clusterId} topic={topic} />
      ) : (
        done && <p className="muted">No messages matched.</p>
      )}
    </section>
  );
}
