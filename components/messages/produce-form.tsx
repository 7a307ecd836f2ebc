"use client";
import { useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { produceMessageAction } from "@/server/actions/message-actions";
import { produceWithSchemaAction } from "@/server/actions/schema-produce-actions";
import { ProduceSchemaChoice, type SchemaChoiceState } from "@/components/registry/produce-schema-choice";

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
  const [schema, setSchema] = useState<SchemaChoiceState>({ choice: null, problems: null });

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
    const common = { clusterId, topic, key: key === "" ? null : key, headers: headers.filter((h) => h.key), partition: partition === "" ? null : Number(partition) };
    if (schema.choice) {
      const r = await produceWithSchemaAction({ ...common, value, schema: schema.choice });
      setBusy(false);
      if (!r.ok) return setError(r.error.message);
      const d = r.data;
      return setResult(`Sent to partition ${d.partition} at offset ${d.offset}: ${d.format}${d.schemaId ? `, schema id ${d.schemaId} (${d.subject} version ${d.version})` : ", the topic's contract"}, ${d.bytes} bytes.`);
    }
    const r = await produceMessageAction({ ...common, value, format });
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
      <ProduceSchemaChoice clusterId={clusterId} topic={topic} value={value} onChange={setSchema} />
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
      <FieldError>{jsonError && `Not valid JSON: ${jsonError}`}</FieldError>
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
        <button type="submit" disabled={busy || !!jsonError || !!schema.problems}>
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
