"use client";
import { useState } from "react";
import { produceMessageAction } from "@/server/actions/message-actions";

/** Key, value (JSON checked when chosen), headers, and a partition or automatic. */
export function ProduceForm({ clusterId, topic, partitionCount }: { clusterId: string; topic: string; partitionCount: number }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [format, setFormat] = useState<"json" | "text">("json");
  const [partition, setPartition] = useState("");
  const [headers, setHeaders] = useState<{ key: string; value: string }[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  let jsonError: string | null = null;
  if (format === "json" && value.trim()) {
    try {
      JSON.parse(value);
    } catch (e) {
      jsonError = (e as Error).message;
    }
  }

  async function send() {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await produceMessageAction({
      clusterId,
      topic,
      key: key === "" ? null : key,
      value,
      format,
      headers: headers.filter((h) => h.key),
      partition: partition === "" ? null : Number(partition),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setResult(`Sent to partition ${r.data.partition} at offset ${r.data.offset}.`);
  }

  return (
    <form
      className="card produce-form form"
      aria-label="Produce a message"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3>Produce to {topic}</h3>
      <label>
        Key
        <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="(none)" aria-label="Message key" />
      </label>
      <label>
        Value
        <textarea rows={5} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} aria-label="Message value" />
      </label>
      <div className="actions">
        <label className="check">
          <input type="radio" checked={format === "json"} onChange={() => setFormat("json")} /> JSON
        </label>
        <label className="check">
          <input type="radio" checked={format === "text"} onChange={() => setFormat("text")} /> text
        </label>
        <label>
          Partition
          <select value={partition} onChange={(e) => setPartition(e.target.value)} aria-label="Partition">
            <option value="">automatic (by key)</option>
            {Array.from({ length: partitionCount }, (_, p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {jsonError && <p className="field-error">Not valid JSON: {jsonError}</p>}
      {headers.map((h, i) => (
        <div key={i} className="actions">
          <input value={h.key} onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} placeholder="header" aria-label={`Header ${i + 1} name`} />
          <input value={h.value} onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} placeholder="value" aria-label={`Header ${i + 1} value`} />
          <button type="button" className="secondary small" onClick={() => setHeaders(headers.filter((_, j) => j !== i))} aria-label={`Remove header ${i + 1}`}>
            ×
          </button>
        </div>
      ))}
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => setHeaders([...headers, { key: "", value: "" }])}>
          Add header
        </button>
        <button type="submit" disabled={busy || !!jsonError}>
          {busy ? "Sending…" : "Send"}
        </button>
      </div>
      {result && (
        <p className="ok" data-testid="produce-result">
          {result}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
