"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { configToJson, fieldErrorsOf, formValuesToConfig, groupKeys, parseConfigJson, undeclaredKeys } from "@/lib/connect/config-form";
import type { ConfigValidation, ConnectClusterView } from "@/lib/connect/connect-types";
import { connectorNameSchema } from "@/lib/connect/connect-schemas";
import { shortClassName } from "@/lib/connect/filter-connectors";
import { ActionFailedError } from "@/lib/errors/action-result";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { connectorHref, connectorsHref, usePluginDefinitionQuery, usePluginsQuery, useSaveConnectorMutation, useValidateConnectorMutation } from "./connect-queries";
import { ConfigField, OtherKeys } from "./config-fields";

interface Props {
  clusterId: string;
  clusterName: string;
  connectClusters: ConnectClusterView[];
  /** Editing: the connector as its page shows it (secrets masked; left masked, they keep their stored values). */
  existing?: { connectId: string; name: string; config: Record<string, string> };
  /** A new connector's starting Connect cluster and plugin. */
  initialConnectId?: string;
  initialClass?: string;
}

const TOP_KEYS = new Set(["name", "connector.class"]);

/**
 * Creates or edits a connector with Connect's own validation: the plugin's keys in their groups with types,
 * defaults and docs; Validate shows each key's errors under its field; a JSON editor holds the same values.
 */
export function ConnectorForm({ clusterId, clusterName, connectClusters, existing, initialConnectId, initialClass }: Props) {
  const router = useRouter();
  const [connectId, setConnectId] = useState(existing?.connectId ?? initialConnectId ?? connectClusters[0]?.id ?? "");
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<Record<string, string>>(() => {
    if (!existing) return initialClass ? { "connector.class": initialClass } : {};
    const { name: _drop, ...rest } = existing.config;
    return rest;
  });
  const [editor, setEditor] = useState<"form" | "json">("form");
  const [jsonText, setJsonText] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [validation, setValidation] = useState<ConfigValidation | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const className = values["connector.class"] ?? "";
  const plugins = usePluginsQuery(clusterId, connectId || null);
  const definition = usePluginDefinitionQuery(clusterId, connectId || null, className || null);
  const validate = useValidateConnectorMutation();
  const save = useSaveConnectorMutation();

  // The keys to show: the last validation's (it knows keys that appear with a value, e.g. a transform's), else the plugin's.
  const shown = validation ?? definition.data ?? null;
  const groups = useMemo(() => (shown ? groupKeys(shown) : []), [shown]);
  const others = useMemo(() => undeclaredKeys(values, shown).filter((k) => !TOP_KEYS.has(k)), [values, shown]);

  /** The name and config the form holds now, or null (with the JSON error shown) when the JSON text is not a config. */
  function current(): { name: string; config: Record<string, string> } | null {
    if (editor === "form") return { name, config: formValuesToConfig(values) };
    const parsed = parseConfigJson(jsonText);
    if (!parsed.ok) {
      setJsonError(parsed.error);
      return null;
    }
    const { name: jsonName, ...config } = parsed.config;
    const chosen = !existing && jsonName !== undefined ? jsonName : name;
    if (chosen !== name) setName(chosen);
    return { name: chosen, config };
  }

  function switchEditor(to: "form" | "json") {
    if (to === editor) return;
    if (to === "json") {
      setJsonText(configToJson({ ...(name ? { name } : {}), ...formValuesToConfig(values) }));
      setJsonError(null);
      setEditor("json");
      return;
    }
    const now = current();
    if (!now) return;
    setValues(now.config);
    setEditor("form");
  }

  function nameError(name: string): string | null {
    const r = connectorNameSchema.safeParse(name);
    return r.success ? null : r.error.issues[0].message;
  }

  function showErrors(e: unknown) {
    if (e instanceof ActionFailedError && e.fieldErrors) setErrors(Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, [v]])));
    setFormError(errorMessage(e));
  }

  async function onValidate() {
    setFormError(null);
    setChecked(null);
    const now = current();
    if (!now) return;
    try {
      const v = await validate.mutateAsync({ clusterId, connectId, config: now.config, name: now.name || undefined, existing: !!existing });
      setValidation(v);
      setErrors(fieldErrorsOf(v));
      setChecked(v.errorCount ? `Connect found ${v.errorCount} error${v.errorCount === 1 ? "" : "s"}: see the fields marked below.` : "Connect found no error in this configuration.");
      if (editor === "json") setJsonError(null);
    } catch (e) {
      showErrors(e);
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setChecked(null);
    const now = current();
    if (!now) return;
    const bad = nameError(now.name);
    if (bad) {
      setErrors({ name: [bad] });
      return;
    }
    try {
      await save.mutateAsync({ clusterId, connectId, name: now.name, config: now.config, mode: existing ? "update" : "create" });
      router.push(connectorHref(clusterId, connectId, now.name));
    } catch (err) {
      showErrors(err);
    }
  }

  const setValue = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const removeValue = (key: string) =>
    setValues((v) => {
      const { [key]: _gone, ...rest } = v;
      return rest;
    });

  return (
    <form className="form" style={{ maxWidth: "56rem" }} onSubmit={onSubmit} noValidate aria-label={existing ? `Edit connector ${existing.name}` : "New connector"} data-testid="connector-form">
      <p className="muted small crumbs">
        <Link href={`/clusters/${clusterId}`}>{clusterName}</Link> › <Link href={connectorsHref(clusterId)}>Connectors</Link> › {existing ? existing.name : "New connector"}
      </p>
      <h1>{existing ? <>Edit <code>{existing.name}</code></> : "New connector"}</h1>

      <div className="card form" style={{ maxWidth: "none" }}>
        {!existing && connectClusters.length > 1 && (
          <label>
            Connect cluster
            <select
              value={connectId}
              onChange={(e) => {
                setConnectId(e.target.value);
                setValidation(null);
              }}
            >
              {connectClusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.url})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} disabled={!!existing} aria-label="Connector name" spellCheck={false} autoComplete="off" />
        </label>
        <FieldError field="name" alert>
          {errors.name?.join(" ")}
        </FieldError>
        <label>
          Plugin
          <select
            aria-label="Plugin"
            value={className}
            disabled={!!existing || editor === "json"}
            onChange={(e) => {
              setValues((v) => ({ ...Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith("connector."))), "connector.class": e.target.value }));
              setValidation(null);
              setErrors({});
            }}
          >
            <option value="">{plugins.isPending ? "Loading the workers' plugins…" : "Choose a plugin"}</option>
            {className && !plugins.data?.some((p) => p.className === className) && <option value={className}>{className}</option>}
            {plugins.data?.map((p) => (
              <option key={p.className} value={p.className}>
                {shortClassName(p.className)} ({p.type}
                {p.version ? ` ${p.version}` : ""}) — {p.className}
              </option>
            ))}
          </select>
        </label>
        {plugins.error && <p className="error small">{errorMessage(plugins.error)}</p>}
        <FieldError field="connector.class" alert>
          {errors["connector.class"]?.join(" ")}
        </FieldError>
      </div>

      <div className="tabs" role="tablist" aria-label="Editor">
        {(["form", "json"] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={editor === t} className={`tab${editor === t ? " current" : ""}`} onClick={() => switchEditor(t)}>
            {t === "form" ? "Form" : "JSON"}
          </button>
        ))}
      </div>

      {editor === "json" ? (
        <>
          <textarea aria-label="Connector configuration as JSON" rows={Math.min(40, Math.max(10, jsonText.split("\n").length + 2))} value={jsonText} onChange={(e) => setJsonText(e.target.value)} spellCheck={false} />
          <FieldError field="json" as="pre" alert>
            {jsonError}
          </FieldError>
          {Object.keys(errors).length > 0 && (
            <ul className="plain small" data-testid="json-field-errors">
              {Object.entries(errors).map(([k, e]) => (
                <li key={k} className="error">
                  <code>{k}</code>: {e.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          {className && definition.isPending && <p className="muted">Reading the plugin&apos;s configuration…</p>}
          {definition.error && <p className="error">{errorMessage(definition.error)}</p>}
          {groups.length > 0 && (
            <label className="check small">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show every key (also optional, less important ones)
            </label>
          )}
          {groups.map((g) => {
            const keys = g.keys.filter((k) => !TOP_KEYS.has(k.definition.name) && k.visible && (showAll || k.definition.required || k.definition.importance === "HIGH" || values[k.definition.name] !== undefined || errors[k.definition.name]));
            if (!keys.length) return null;
            return (
              <fieldset key={g.name} aria-label={g.name}>
                <legend>{g.name}</legend>
                {keys.map((k) => (
                  <ConfigField key={k.definition.name} k={k} value={values[k.definition.name] ?? ""} errors={errors[k.definition.name]} onChange={(v) => (v === "" ? removeValue(k.definition.name) : setValue(k.definition.name, v))} />
                ))}
              </fieldset>
            );
          })}
          {className && <OtherKeys keys={others} values={values} errors={errors} onChange={setValue} onRemove={removeValue} />}
        </>
      )}

      <FormError>{formError}</FormError>
      {checked && (
        <p className={validation?.errorCount ? "error" : "ok"} role="status" data-testid="validation-result">
          {checked}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void onValidate()} disabled={validate.isPending || !connectId}>
          {validate.isPending ? "Validating…" : "Validate"}
        </button>
        <button type="submit" disabled={save.isPending || !connectId}>
          {save.isPending ? "Saving…" : existing ? "Save" : "Create connector"}
        </button>
        <Link className="button-link" href={existing ? connectorHref(clusterId, existing.connectId, existing.name) : connectorsHref(clusterId)}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
