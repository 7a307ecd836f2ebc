"use client";
import { useMemo, useReducer, useState } from "react";
import { expressionError } from "@/lib/messages/message-filter";
import { useCan } from "@/components/auth/me-context";
import { downloadText } from "@/components/ui/download";
import { ProduceForm } from "./produce-form";
import { initialScanResults, scanAction, scanResultsReducer, shownMessages, type ScanMode } from "./scan-results-state";
import { SearchForm } from "./search-form";
import { initialSearchForm, parsePartitions, partitionsError, searchFormReducer, toScanRequest } from "./search-form-state";
import { SearchResults } from "./search-results";
import { useEventStream } from "./use-event-stream";
import { DecodeChoice } from "@/components/registry/decode-choice";
import type { ScanDecode } from "@/lib/registry/scan-decode-schema";

/** Search a topic's messages on the server, follow it live, and produce to it. */
export function MessageBrowser({ clusterId, topic, partitionCount, readOnly }: { clusterId: string; topic: string; partitionCount: number; readOnly: boolean }) {
  const [form, dispatch] = useReducer(searchFormReducer, undefined, initialSearchForm);
  const [results, dispatchResult] = useReducer(scanResultsReducer, undefined, initialScanResults);
  const [showProduce, setShowProduce] = useState(false);
  const [decode, setDecode] = useState<{ spec: ScanDecode | undefined; problem: string | null }>({ spec: undefined, problem: null });
  const mayRead = useCan("messages:read", clusterId);
  const mayProduce = useCan("messages:write", clusterId);

  const exprError = useMemo(() => (form.expression.trim() ? expressionError(form.expression) : null), [form.expression]);
  const partitionError = useMemo(() => partitionsError(parsePartitions(form.partitionText), partitionCount), [form.partitionText, partitionCount]);
  const stream = useEventStream((event, data) => {
    const action = scanAction(event, data);
    if (action) dispatchResult(action);
  });
  const running = stream.state === "running";
  const messages = useMemo(() => shownMessages(results, form.startKind), [results, form.startKind]);

  function begin(mode: ScanMode) {
    dispatchResult({ type: "begin", mode });
    const q = encodeURIComponent(JSON.stringify({ ...toScanRequest(form, topic, mode), ...(decode.spec ? { decode: decode.spec } : {}) }));
    void stream.start(`/api/clusters/${clusterId}/${mode === "tail" ? "tail" : "scan"}?q=${q}`);
  }

  if (!mayRead) {
    return (
      <p className="muted" role="note" data-testid="messages-need-role">
        Browsing messages needs the operator role on this cluster.
      </p>
    );
  }

  const download = () => downloadText(`${topic}.jsonl`, messages.map((m) => JSON.stringify(m)).join("\n") + "\n", "application/x-ndjson");
  return (
    <section className="message-browser" aria-label="Message browser">
      <SearchForm
        form={form}
        dispatch={dispatch}
        partitionCount={partitionCount}
        expressionError={exprError}
        partitionError={partitionError}
        stream={{
          running,
          tailing: running && results.mode === "tail",
          paused: results.paused,
          waiting: results.held.length,
          search: () => begin("search"),
          tail: () => begin("tail"),
          stop: stream.stop,
          togglePause: () => dispatchResult({ type: "togglePause" }),
        }}
        onDownload={results.messages.length ? download : null}
        onToggleProduce={!readOnly && mayProduce ? () => setShowProduce(!showProduce) : null}
      />
      <DecodeChoice clusterId={clusterId} topic={topic} onChange={(spec, problem) => setDecode({ spec, problem })} />
      {showProduce && mayProduce && <ProduceForm clusterId={clusterId} topic={topic} partitionCount={partitionCount} />}
      {stream.error && (
        <p className="banner error" role="alert" data-testid="scan-error">
          {stream.error}
        </p>
      )}
      <SearchResults results={results} messages={messages} running={running} clusterId={clusterId} topic={topic} canCopy={!readOnly && mayProduce && results.mode === "search"} />
    </section>
  );
}
