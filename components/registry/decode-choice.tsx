"use client";
import { useEffect, useMemo, useState } from "react";
import { compileSchemaCached, describeSchemaProblem } from "@/lib/contracts/schema-codec";
import { SCHEMA_FORMAT_LABELS, SCHEMA_FORMATS, type SchemaFormat } from "@/lib/contracts/contract-schema";
import { MAX_PASTED_SCHEMA_CHARS, type ScanDecode } from "@/lib/registry/scan-decode-schema";
import { useCan } from "@/components/auth/me-context";
import { FieldError } from "@/components/ui/field-error";
import { useTopicContractsQuery } from "./produce-schema-choice";
import { useRegistryStatusQuery } from "./registry-queries";

type Unframed = "none" | "pasted" | `contract:${string}`;

/**
 * How the message browser decodes values written with a schema: framed ones with the cluster's registry (on by
 * default when it has one), unframed ones with the topic's contract from a bound design (chosen by default when
 * there is one) or a pasted schema. Tells the browser the `decode` part of its search, or undefined for none.
 */
export function DecodeChoice({ clusterId, topic, onChange }: { clusterId: string; topic: string; onChange: (d: ScanDecode | undefined, problem: string | null) => void }) {
  const mayReadRegistry = useCan("registry:read", clusterId);
  const mayReadDesigns = useCan("designs:read", clusterId);
  const status = useRegistryStatusQuery(clusterId);
  const contracts = useTopicContractsQuery(clusterId, topic, mayReadDesigns);
  const hasRegistry = mayReadRegistry && !!status.data?.settings;
  const [registry, setRegistry] = useState(true);
  const [unframed, setUnframed] = useState<Unframed | null>(null);
  const [format, setFormat] = useState<SchemaFormat>("avro");
  const [text, setText] = useState("");
  const [messageType, setMessageType] = useState("");
  // The topic's contract decodes by default once it is known (the first design's, when several have one).
  const chosen: Unframed = unframed ?? (contracts.data?.length ? `contract:${contracts.data[0].designId}` : "none");

  const problem = useMemo(() => {
    if (chosen !== "pasted") return null;
    if (!text.trim()) return "Paste the schema";
    if (text.length > MAX_PASTED_SCHEMA_CHARS) return `A pasted schema has at most ${MAX_PASTED_SCHEMA_CHARS.toLocaleString("en")} characters (register it, or put it in a design's contract)`;
    const r = compileSchemaCached({ format, text, messageType: messageType || undefined });
    return r.ok ? null : describeSchemaProblem(r.problem);
  }, [chosen, format, text, messageType]);

  const decode = useMemo((): ScanDecode | undefined => {
    const value: ScanDecode["value"] = chosen.startsWith("contract:")
      ? { source: "contract", designId: chosen.slice("contract:".length) }
      : chosen === "pasted" && !problem
        ? { source: "pasted", format, text, ...(messageType ? { messageType } : {}) }
        : null;
    if (registry && !value) return undefined;
    return { registry, value };
  }, [registry, chosen, problem, format, text, messageType]);

  // Runs when the choice changes, not when the parent passes a new onChange (it passes an inline function).
  useEffect(() => onChange(decode, problem), [decode, problem]);

  return (
    <details className="decode-choice" data-testid="decode-choice">
      <summary>
        Decoding:{" "}
        {[hasRegistry && registry ? "Schema Registry framing" : null, chosen.startsWith("contract:") ? "the topic's contract" : chosen === "pasted" ? "a pasted schema" : null].filter(Boolean).join(" + ") || "none (JSON, text or bytes)"}
      </summary>
      {hasRegistry && (
        <label className="check">
          <input type="checkbox" checked={registry} onChange={(e) => setRegistry(e.target.checked)} /> Decode values framed for the Schema Registry (schema fetched by id)
        </label>
      )}
      <fieldset>
        <legend>Unframed values</legend>
        <label className="check">
          <input type="radio" checked={chosen === "none"} onChange={() => setUnframed("none")} /> as they are (JSON, text or bytes)
        </label>
        {contracts.data?.map((c) => (
          <label key={c.designId} className="check">
            <input type="radio" checked={chosen === `contract:${c.designId}`} onChange={() => setUnframed(`contract:${c.designId}`)} /> with the topic&apos;s contract in “{c.designName}” ({SCHEMA_FORMAT_LABELS[c.contract.value.format]})
          </label>
        ))}
        <label className="check">
          <input type="radio" checked={chosen === "pasted"} onChange={() => setUnframed("pasted")} /> with a schema I paste
        </label>
      </fieldset>
      {chosen === "pasted" && (
        <div className="form">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as SchemaFormat)} aria-label="Pasted schema format">
              {SCHEMA_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {SCHEMA_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="pasted-schema">Schema</label>
          <textarea id="pasted-schema" className="mono" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          {format === "protobuf" && (
            <label>
              Message type (the first one when blank)
              <input value={messageType} onChange={(e) => setMessageType(e.target.value)} spellCheck={false} aria-label="Message type" />
            </label>
          )}
          <FieldError field="pasted-schema" as="pre">
            {problem}
          </FieldError>
        </div>
      )}
    </details>
  );
}
