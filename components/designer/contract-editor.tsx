"use client";
import { useDeferredValue, useId, useRef } from "react";
import { SCHEMA_FORMATS, SCHEMA_FORMAT_LABELS, type Contract, type SchemaFormat, type SchemaSpec } from "@/lib/contracts/contract-schema";
import { FieldError } from "@/components/ui/field-error";
import { Options } from "@/components/ui/options";
import { offsetOf, schemaStatus, starterSchema, switchFormat } from "./contract-summary";
import type { FlowNodeOf } from "./design-flow";
import { useDesigner } from "./designer-store";

// A topic's contract in the properties panel: the value schema (and optionally the key's), each with its
// format, its text and what the text says, checked as the user types (on a deferred value, so typing stays
// quick in a long schema). A problem names its line and column and can put the caret there.

type Part = "value" | "key";
const PART_LABEL: Record<Part, string> = { value: "Value schema", key: "Key schema" };

function SchemaPart({ part, spec, onChange }: { part: Part; spec: SchemaSpec; onChange: (spec: SchemaSpec) => void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const textId = useId();
  const formatId = useId();
  const checked = useDeferredValue(spec);
  const status = schemaStatus(checked);
  const label = PART_LABEL[part];
  const goTo = (line: number, column?: number) => {
    const el = area.current;
    if (!el) return;
    const at = offsetOf(el.value, line, column);
    el.focus();
    el.setSelectionRange(at, at);
  };
  return (
    <div className="contract-part" data-testid={`contract-${part}`}>
      {/* Labelled by id, not wrapped: a wrapping label would take the options' or the schema's text into its own. */}
      <label htmlFor={formatId}>{label} format</label>
      <select id={formatId} value={spec.format} onChange={(e) => onChange(switchFormat(part, spec, e.target.value as SchemaFormat))}>
        <Options values={SCHEMA_FORMATS} labels={SCHEMA_FORMAT_LABELS} />
      </select>
      <label htmlFor={textId}>{label}</label>
      <textarea
        id={textId}
        ref={area}
        className="schema-text"
        rows={Math.min(16, Math.max(5, spec.text.split("\n").length + 1))}
        value={spec.text}
        wrap="off"
        spellCheck={false}
        onChange={(e) => onChange({ ...spec, text: e.target.value })}
      />
      {status.ok ? (
        <p className="muted small" data-testid={`contract-${part}-status`}>
          {status.text}
        </p>
      ) : (
        <FieldError alert as="pre" testId={`contract-${part}-status`}>
          {status.text}
          {status.line !== undefined && (
            <>
              {" "}
              <button type="button" className="link small" onClick={() => goTo(status.line!, status.column)}>
                Go to line {status.line}
              </button>
            </>
          )}
        </FieldError>
      )}
      {spec.format === "protobuf" && status.ok && status.messageTypes.length > 1 && (
        <label>
          Message type
          <select value={spec.messageType ?? ""} onChange={(e) => onChange({ ...spec, messageType: e.target.value || undefined })}>
            <option value="">first in the file ({status.messageTypes[0]})</option>
            <Options values={status.messageTypes} />
          </select>
        </label>
      )}
    </div>
  );
}

export function ContractEditor({ node }: { node: FlowNodeOf<"topic"> }) {
  const update = useDesigner((s) => s.updateNodeData);
  const contract = node.data.contract;
  const set = (next: Contract | undefined) => update(node.id, { contract: next });
  return (
    <fieldset data-testid="contract-editor">
      <legend>Contract</legend>
      {contract ? (
        <>
          <SchemaPart part="value" spec={contract.value} onChange={(value) => set({ ...contract, value })} />
          {contract.key ? (
            <>
              <SchemaPart part="key" spec={contract.key} onChange={(key) => set({ ...contract, key })} />
              <button type="button" className="secondary small" onClick={() => set({ value: contract.value })}>
                Remove the key schema
              </button>
            </>
          ) : (
            <button type="button" className="secondary small" onClick={() => set({ ...contract, key: starterSchema("key", contract.value.format) })}>
              Attach a key schema
            </button>
          )}
          <button type="button" className="secondary small" onClick={() => set(undefined)}>
            Remove the contract
          </button>
        </>
      ) : (
        <>
          <p className="muted small">No message schema yet: say what this topic&apos;s values (and keys) look like, in JSON Schema, Avro or Protobuf.</p>
          <button type="button" className="secondary small" onClick={() => set({ value: starterSchema("value", "json-schema") })}>
            Attach a contract
          </button>
        </>
      )}
    </fieldset>
  );
}
