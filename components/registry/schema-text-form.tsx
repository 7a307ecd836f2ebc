"use client";
import { useMemo, useState } from "react";
import { compileSchemaCached, describeSchemaProblem } from "@/lib/contracts/schema-codec";
import { REGISTRY_SCHEMA_TYPES, type RegistrySchemaType, type SchemaReference } from "@/lib/registry/registry-schemas";
import type { CompatibilityVerdict } from "@/lib/registry/registry-types";
import { registryFormat } from "@/lib/registry/registry-formats";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { useCheckCompatibilityMutation, useRegisterSchemaMutation } from "./registry-queries";

const TYPE_LABELS: Record<RegistrySchemaType, string> = { AVRO: "Avro", PROTOBUF: "Protobuf", JSON: "JSON Schema" };

/**
 * A schema to register under a subject: type, text (checked as typed when it has no references), references;
 * "Check compatibility" asks the registry and shows its own messages; "Register" adds the version.
 */
export function SchemaTextForm(props: {
  clusterId: string;
  /** Fixed for a new version; typed for a new subject. */
  subject?: string;
  initial?: { schemaType: RegistrySchemaType; schema: string; references: SchemaReference[] };
  mayRegister: boolean;
  onRegistered: (r: { subject: string; id: number; version: number | null }) => void;
  onCancel?: () => void;
}) {
  const [subject, setSubject] = useState(props.subject ?? "");
  const [schemaType, setSchemaType] = useState<RegistrySchemaType>(props.initial?.schemaType ?? "AVRO");
  const [schema, setSchema] = useState(props.initial?.schema ?? "");
  const [references, setReferences] = useState<SchemaReference[]>(props.initial?.references ?? []);
  const [verdict, setVerdict] = useState<CompatibilityVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = useCheckCompatibilityMutation();
  const register = useRegisterSchemaMutation();

  // The text as the registry will read it, checked here first when it stands alone (references are resolved by the registry).
  const problem = useMemo(() => {
    if (!schema.trim() || references.length) return null;
    const r = compileSchemaCached({ format: registryFormat(schemaType), text: schema });
    return r.ok ? null : describeSchemaProblem(r.problem);
  }, [schema, schemaType, references.length]);

  const input = () => ({ clusterId: props.clusterId, subject: subject.trim(), schemaType, schema, references });
  async function onCheck() {
    setError(null);
    setVerdict(null);
    try {
      setVerdict(await check.mutateAsync({ ...input(), version: "latest" }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  async function onRegister() {
    setError(null);
    try {
      const r = await register.mutateAsync(input());
      props.onRegistered({ subject: subject.trim(), ...r });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const ready = !!subject.trim() && !!schema.trim();
  return (
    <form className="card form" aria-label={props.subject ? `New version of ${props.subject}` : "Register a new subject"} onSubmit={(e) => e.preventDefault()}>
      {!props.subject && (
        <label>
          Subject
          <input value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="e.g. orders-value" autoComplete="off" spellCheck={false} />
        </label>
      )}
      <label htmlFor="registry-schema-type">Schema type</label>
      <select id="registry-schema-type" value={schemaType} onChange={(e) => setSchemaType(e.target.value as RegistrySchemaType)}>
        {REGISTRY_SCHEMA_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <label htmlFor="registry-schema-text">Schema</label>
      <textarea id="registry-schema-text" className="mono" rows={14} value={schema} onChange={(e) => setSchema(e.target.value)} spellCheck={false} />
      <FieldError field="schema" as="pre">
        {problem}
      </FieldError>
      <fieldset className="references">
        <legend>References</legend>
        {references.map((r, i) => (
          <div key={i} className="actions">
            <input value={r.name} onChange={(e) => setReferences(references.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} placeholder="name (import path, type name or $ref)" aria-label={`Reference ${i + 1} name`} />
            <input value={r.subject} onChange={(e) => setReferences(references.map((x, j) => (j === i ? { ...x, subject: e.target.value } : x)))} placeholder="subject" aria-label={`Reference ${i + 1} subject`} />
            <input type="number" min={1} value={r.version} onChange={(e) => setReferences(references.map((x, j) => (j === i ? { ...x, version: Number(e.target.value) } : x)))} aria-label={`Reference ${i + 1} version`} />
            <button type="button" className="secondary small" onClick={() => setReferences(references.filter((_, j) => j !== i))} aria-label={`Remove reference ${i + 1}`}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setReferences([...references, { name: "", subject: "", version: 1 }])}>
          Add reference
        </button>
      </fieldset>
      <FormError>{error}</FormError>
      {verdict && (
        <div className={verdict.compatible ? "ok" : "error"} role="status" data-testid="compatibility-verdict">
          <p>
            {verdict.compatible ? "Compatible" : "Not compatible"} with {verdict.against === "latest" ? "the latest version" : `version ${verdict.against}`} under {verdict.level}.
          </p>
          {verdict.messages.length > 0 && (
            <ul className="small mono">
              {verdict.messages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={!ready || check.isPending} onClick={() => void onCheck()}>
          {check.isPending ? "Checking…" : "Check compatibility"}
        </button>
        {props.mayRegister && (
          <button type="button" disabled={!ready || register.isPending} onClick={() => void onRegister()}>
            {register.isPending ? "Registering…" : "Register"}
          </button>
        )}
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
