"use client";
import { Fragment, memo, useState } from "react";
import { base64ToHex, prettyJson, type DecodedPayload } from "@/lib/messages/decode";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import { fetchJson } from "@/components/ui/fetch-json";
import { DecodedBadge, DecodedNote } from "@/components/registry/decoded-badge";
import { CopyMessagesButton } from "./copy-messages-dialog";

const PAGE = 500;

function preview(p: DecodedPayload | null): string {
  if (!p) return "null";
  if (p.encoding === "binary") return `<binary, ${p.size} bytes>`;
  return p.data.length > 160 ? `${p.data.slice(0, 160)}…` : p.data;
}

function PayloadView({ payload, label }: { payload: DecodedPayload | null; label: string }) {
  const [binaryAs, setBinaryAs] = useState<"hex" | "base64">("hex");
  if (!payload) return <p className="muted small">{label}: null</p>;
  return (
    <div className="payload">
      <div className="payload-head">
        <strong>{label}</strong>{" "}
        <span className="muted small">
          {payload.encoding} · {payload.size} bytes{payload.truncated ? " · truncated" : ""}
        </span>
        {payload.encoding === "binary" && (
          <button type="button" className="secondary small" onClick={() => setBinaryAs(binaryAs === "hex" ? "base64" : "hex")}>
            show {binaryAs === "hex" ? "base64" : "hex"}
          </button>
        )}
      </div>
      <pre className="payload-body">{payload.encoding === "binary" ? (binaryAs === "hex" ? base64ToHex(payload.data) : payload.data) : payload.encoding === "json" ? prettyJson(payload.data) : payload.data}</pre>
    </div>
  );
}

function MessageDetail({ message, clusterId, topic }: { message: ScannedMessage; clusterId: string; topic: string }) {
  const [full, setFull] = useState<ScannedMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const m = full ?? message;
  const truncated = m.value?.truncated || m.key?.truncated;
  return (
    <div className="message-detail" data-testid="message-detail">
      <div className="actions">
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            void navigator.clipboard?.writeText(JSON.stringify(m, null, 2)).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy message"}
        </button>
        {truncated && (
          <button
            type="button"
            className="secondary small"
            onClick={() =>
              fetchJson<ScannedMessage>(`/api/clusters/${clusterId}/message?topic=${encodeURIComponent(topic)}&partition=${m.partition}&offset=${m.offset}`)
                .then(setFull)
                .catch((e: Error) => setError(e.message))
            }
          >
            Show the whole value
          </button>
        )}
        {error && <span className="error small">{error}</span>}
      </div>
      <DecodedNote with={m.keySchema} label="The key" />
      <PayloadView payload={m.key} label="Key" />
      <DecodedNote with={m.valueSchema} label="The value" />
      <PayloadView payload={m.value} label="Value" />
      {m.headers.length > 0 && (
        <table className="table headers-table">
          <tbody>
            {m.headers.map((h) => (
              <tr key={h.key}>
                <td>
                  <code>{h.key}</code>
                </td>
                <td>{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const Row = memo(function Row({ m, open, onToggle, selectable, selected, onSelect }: { m: ScannedMessage; open: boolean; onToggle: () => void; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  return (
    <tr className={open ? "open" : ""} onClick={onToggle} data-testid="message-row">
      {selectable && (
        <td onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Choose message ${m.partition}:${m.offset}`} />
        </td>
      )}
      <td>{m.partition}</td>
      <td>{m.offset}</td>
      <td className="nowrap">{new Date(m.timestamp).toISOString().replace("T", " ").replace("Z", "")}</td>
      <td className="mono">
        {preview(m.key)}
        <DecodedBadge with={m.keySchema} part="key" />
      </td>
      <td className="mono">
        {preview(m.value)}
        <DecodedBadge with={m.valueSchema} />
      </td>
      <td>{m.headers.length || ""}</td>
    </tr>
  );
});

/**
 * Messages as a table; a row opens to its key, value (pretty JSON, text, or hex/base64) and headers. Who may
 * produce can choose rows and copy them to a topic (to replay them, or into another topic).
 */
export function MessageList({ messages, clusterId, topic, canCopy = false }: { messages: ScannedMessage[]; clusterId: string; topic: string; canCopy?: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const rows = messages.slice(0, shown);
  const idOf = (m: ScannedMessage) => `${m.partition}:${m.offset}`;
  const refs = messages.filter((m) => chosen.has(idOf(m))).map((m) => ({ partition: m.partition, offset: m.offset }));
  const allShown = rows.length > 0 && rows.every((m) => chosen.has(idOf(m)));
  return (
    <>
      {canCopy && (
        <div className="actions list-actions">
          <span className="muted small">{chosen.size ? `${chosen.size} chosen` : "Choose messages to copy them to a topic"}</span>
          <CopyMessagesButton clusterId={clusterId} topic={topic} refs={refs} onDone={() => setChosen(new Set())} />
        </div>
      )}
      <table className="table messages-table" aria-label="Messages">
        <thead>
          <tr>
            {canCopy && (
              <th>
                <input type="checkbox" checked={allShown} onChange={(e) => setChosen(e.target.checked ? new Set(rows.map(idOf)) : new Set())} aria-label="Choose every message shown" />
              </th>
            )}
            <th>Partition</th>
            <th>Offset</th>
            <th>Timestamp (UTC)</th>
            <th>Key</th>
            <th>Value</th>
            <th>Headers</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const id = `${m.partition}:${m.offset}`;
            return (
              <Fragment key={id}>
                <Row
                  m={m}
                  open={open === id}
                  onToggle={() => setOpen(open === id ? null : id)}
                  selectable={canCopy}
                  selected={chosen.has(id)}
                  onSelect={(on) =>
                    setChosen((c) => {
                      const next = new Set(c);
                      if (on) next.add(id);
                      else next.delete(id);
                      return next;
                    })
                  }
                />
                {open === id && (
                  <tr className="detail-row">
                    <td colSpan={canCopy ? 7 : 6}>
                      <MessageDetail message={m} clusterId={clusterId} topic={topic} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {messages.length > shown && (
        <button type="button" className="secondary small" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, messages.length - shown)} more of {messages.length}
        </button>
      )}
    </>
  );
}
