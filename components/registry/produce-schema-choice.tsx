"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { compileSchemaCached, describeSchemaProblem } from "@/lib/contracts/schema-codec";
import { SCHEMA_FORMAT_LABELS, type SchemaSpec } from "@/lib/contracts/contract-schema";
import type { ValueSchemaChoice } from "@/lib/registry/produce-schema";
import { registryFormat } from "@/lib/registry/registry-formats";
import { useCan } from "@/components/auth/me-context";
import { fetchJson } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { Options } from "@/components/ui/options";
import { registryKeys, useRegistryStatusQuery, useSubjectQuery, useVersionQuery } from "./registry-queries";

export interface TopicContractView {
  designId: string;
  designName: string;
  contract: { value: SchemaSpec; key?: SchemaSpec };
}

/** The contracts of a topic from designs bound to the cluster (to produce or decode with). */
export function useTopicContractsQuery(clusterId: string, topic: string, enabled = true) {
  return useQuery({
    queryKey: [...registryKeys.all(clusterId), "contracts", topic],
    queryFn: ({ signal }) => fetchJson<TopicContractView[]>(`/api/clusters/${clusterId}/registry/contracts?topic=${encodeURIComponent(topic)}`, signal),
    enabled,
    staleTime: 30_000,
  });
}

export interface SchemaChoiceState {
  choice: ValueSchemaChoice | null;
  /** Why the value cannot be sent with the chosen schema (field paths), or null. */
  problems: string | null;
}

type Mode = "none" | "registry" | `contract:${string}`;

/**
 * Which schema encodes the produced value: none (the value as typed), a registry subject (latest or a version),
 * or the topic's contract from a bound design. The JSON value is checked against the schema as it is typed.
 */
export function ProduceSchemaChoice({ clusterId, topic, value, onChange }: { clusterId: string; topic: string; value: string; onChange: (s: SchemaChoiceState) => void }) {
  const mayReadRegistry = useCan("registry:read", clusterId);
  const mayReadDesigns = useCan("designs:read", clusterId);
  const status = useRegistryStatusQuery(clusterId);
  const contracts = useTopicContractsQuery(clusterId, topic, mayReadDesigns);
  const hasRegistry = mayReadRegistry && !!status.data?.settings;
  const [mode, setMode] = useState<Mode>("none");
  const [subject, setSubject] = useState(`${topic}-value`);
  const [version, setVersion] = useState<"latest" | number>("latest");
  const [messageType, setMessageType] = useState("");
  const detail = useSubjectQuery(clusterId, mode === "registry" ? subject : "");
  const versionNumber = version === "latest" ? (detail.data?.latest?.version ?? null) : version;
  const schemaVersion = useVersionQuery(clusterId, subject, mode === "registry" ? versionNumber : null);
  const contract = mode.startsWith("contract:") ? contracts.data?.find((c) => `contract:${c.designId}` === mode) : undefined;

  // The schema as the browser can check it: a registry schema with references is checked by the server only.
  const spec: SchemaSpec | null = contract
    ? contract.contract.value
    : mode === "registry" && schemaVersion.data && !schemaVersion.data.references.length
      ? { format: registryFormat(schemaVersion.data.schemaType), text: schemaVersion.data.schema, messageType: messageType || undefined }
      : null;
  // Keyed on the spec's fields: the spec object itself is built anew each render.
  const compiled = useMemo(() => (spec ? compileSchemaCached(spec) : null), [spec?.format, spec?.text, spec?.messageType]);

  const state = useMemo((): SchemaChoiceState => {
    if (mode === "none") return { choice: null, problems: null };
    const choice: ValueSchemaChoice | null = contract
      ? { source: "contract", designId: contract.designId }
      : mode === "registry" && subject.trim()
        ? { source: "registry", subject: subject.trim(), version, ...(messageType ? { messageType } : {}) }
        : null;
    if (!choice) return { choice: null, problems: "Choose a subject" };
    if (mode === "registry" && detail.error) return { choice, problems: detail.error.message };
    if (compiled && !compiled.ok) return { choice, problems: `The schema does not compile: ${describeSchemaProblem(compiled.problem)}` };
    if (!value.trim()) return { choice, problems: "Write the value as JSON" };
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      return { choice, problems: `Not valid JSON: ${(e as Error).message}` };
    }
    const problems = compiled?.ok ? compiled.codec.validate(parsed) : [];
    return { choice, problems: problems.length ? problems.map((p) => `${p.path || "(the value)"}: ${p.message}`).join("\n") : null };
  }, [mode, contract, subject, version, messageType, detail.error, compiled, value]);

  // Runs when the state changes, not when the parent passes a new onChange.
  useEffect(() => onChange(state), [state]);

  if (!hasRegistry && !contracts.data?.length) return null;
  const messageTypes = compiled?.ok ? compiled.codec.messageTypes : [];
  return (
    <fieldset className="schema-choice" aria-label="Encode the value with">
      <legend>Encode the value with</legend>
      <label className="check">
        <input type="radio" checked={mode === "none"} onChange={() => setMode("none")} /> nothing (as typed)
      </label>
      {hasRegistry && (
        <label className="check">
          <input type="radio" checked={mode === "registry"} onChange={() => setMode("registry")} /> Schema Registry subject
        </label>
      )}
      {contracts.data?.map((c) => (
        <label key={c.designId} className="check">
          <input type="radio" checked={mode === `contract:${c.designId}`} onChange={() => setMode(`contract:${c.designId}`)} /> the topic&apos;s contract in “{c.designName}” ({SCHEMA_FORMAT_LABELS[c.contract.value.format]}, no registry framing)
        </label>
      ))}
      {mode === "registry" && (
        <div className="form-row">
          <label>
            Subject
            <input value={subject} onChange={(e) => setSubject(e.target.value)} aria-label="Subject" spellCheck={false} />
          </label>
          <label>
            Version
            <select value={String(version)} onChange={(e) => setVersion(e.target.value === "latest" ? "latest" : Number(e.target.value))} aria-label="Subject version">
              <option value="latest">latest{detail.data?.latest ? ` (${detail.data.latest.version})` : ""}</option>
              {detail.data?.versions
                .filter((v) => !detail.data?.deletedVersions.includes(v))
                .map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
            </select>
          </label>
          {messageTypes.length > 1 && (
            <label>
              Message type
              <select value={messageType} onChange={(e) => setMessageType(e.target.value)} aria-label="Message type">
                <option value="">{messageTypes[0]} (first)</option>
                <Options values={messageTypes.slice(1)} />
              </select>
            </label>
          )}
        </div>
      )}
      {mode === "registry" && schemaVersion.data && (
        <p className="muted small" data-testid="produce-schema">
          {schemaVersion.data.schemaType} · schema id {schemaVersion.data.id} · framed for the registry
          {schemaVersion.data.references.length ? " · references are resolved and checked when sending" : ""}
        </p>
      )}
      <FieldError field="schema-value" as="pre" alert>
        {state.problems}
      </FieldError>
    </fieldset>
  );
}
