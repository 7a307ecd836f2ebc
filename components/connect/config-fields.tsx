"use client";
import { memo, useState } from "react";
import { inputKindOf } from "@/lib/connect/config-form";
import type { ConfigKeyValidation } from "@/lib/connect/connect-types";
import { SECRET_MASK } from "@/lib/connect/mask-config";
import { FieldError } from "@/components/ui/field-error";

/** One key of a plugin's configuration: an input for its type, its default and doc, and Connect's errors under it. */
export const ConfigField = memo(function ConfigField({ k, value, errors, onChange }: { k: ConfigKeyValidation; value: string; errors?: string[]; onChange: (v: string) => void }) {
  const d = k.definition;
  const kind = inputKindOf(d.type);
  const listId = k.recommendedValues.length ? `rec-${d.name}` : undefined;
  return (
    <div className="config-field">
      <label>
        <span>
          {d.displayName !== d.name ? d.displayName : <code>{d.name}</code>}
          {d.required && <span className="error" title="required"> *</span>}{" "}
          <span className="muted small">
            {d.displayName !== d.name && <code>{d.name}</code>} {d.type.toLowerCase()}
          </span>
        </span>
        {kind === "boolean" ? (
          <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={d.name} aria-invalid={!!errors?.length}>
            <option value="">default{d.defaultValue !== null ? ` (${d.defaultValue})` : ""}</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        ) : (
          <input
            type={kind === "password" ? "password" : "text"}
            inputMode={kind === "number" ? "numeric" : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            placeholder={value === "" && d.defaultValue ? `default: ${d.defaultValue}` : kind === "list" ? "comma-separated" : undefined}
            aria-label={d.name}
            aria-invalid={!!errors?.length}
            list={listId}
            spellCheck={false}
            autoComplete={kind === "password" ? "new-password" : "off"}
          />
        )}
        {listId && (
          <datalist id={listId}>
            {k.recommendedValues.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        )}
      </label>
      {kind === "password" && value === SECRET_MASK && <p className="hint">Stored secret: leave it to keep it, or type a new one.</p>}
      {d.documentation && <p className="hint">{d.documentation}</p>}
      {errors?.map((e, i) => (
        <FieldError key={i} field={i === 0 ? d.name : undefined} alert>
          {e}
        </FieldError>
      ))}
    </div>
  );
});

/** Keys the plugin does not declare (converter settings, a transform's own keys, …) as key/value rows. */
export function OtherKeys({
  keys,
  values,
  errors,
  onChange,
  onRemove,
}: {
  keys: string[];
  values: Record<string, string>;
  errors: Record<string, string[]>;
  onChange: (key: string, value: string) => void;
  onRemove: (key: string) => void;
}) {
  const [newKey, setNewKey] = useState("");
  return (
    <fieldset aria-label="Other keys">
      <legend>Other keys</legend>
      <p className="hint">Keys the plugin does not declare, e.g. value.converter.schemas.enable or a transform&apos;s settings.</p>
      {keys.map((k) => (
        <div key={k} className="config-row">
          <label>
            <code className="config-key">{k}</code>
            <input value={values[k] ?? ""} onChange={(e) => onChange(k, e.target.value)} aria-label={k} spellCheck={false} />
          </label>
          <button type="button" className="secondary small" onClick={() => onRemove(k)} aria-label={`Remove ${k}`}>
            Remove
          </button>
          <FieldError field={k}>{errors[k]?.join(" ")}</FieldError>
        </div>
      ))}
      <div className="config-add">
        <input value={newKey} onChange={(e) => setNewKey(e.target.value.trim())} placeholder="another.key" aria-label="New key" spellCheck={false} />
        <button
          type="button"
          className="secondary small"
          disabled={!newKey || newKey in values}
          onClick={() => {
            onChange(newKey, "");
            setNewKey("");
          }}
        >
          Add key
        </button>
      </div>
    </fieldset>
  );
}
