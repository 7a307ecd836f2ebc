"use client";
import { useState } from "react";
import type { ConnectorKeyDefinition } from "@/lib/connect/design-connector-validation";
import { looksSecret } from "@/lib/connect/mask-config";
import { secretRef } from "@/lib/connect/secret-refs";
import type { Problem } from "@/lib/designs/validate-design";
import { ConnectorFieldErrors, type ConnectorFlowNode } from "./connector-field-errors";
import { useDesigner } from "./designer-store";
import { RemoveKeyButton } from "./remove-key-button";

// A connector's config as key/value rows (issue 14, item 5): keys suggested from the plugin's definition (with
// their docs), secret keys offered the cluster's stored secrets as ${secret:name} references, each row's local and
// Connect errors under it, and the keys Connect says are missing offered to add.

/** Keys the designer manages elsewhere or that the edges give. */
const MANAGED = new Set(["name", "connector.class"]);

export function ConnectorConfigEditor({
  node,
  local,
  remote,
  keys,
  secretNames,
}: {
  node: ConnectorFlowNode;
  local: Problem[] | undefined;
  remote: Record<string, string> | undefined;
  keys: ConnectorKeyDefinition[];
  secretNames: string[];
}) {
  const update = useDesigner((s) => s.updateNodeData);
  const config = node.data.config;
  const [newKey, setNewKey] = useState("");
  const set = (next: Record<string, string>) => update(node.id, { config: next });
  const byName = new Map(keys.map((k) => [k.name, k]));
  const unused = keys.filter((k) => !(k.name in config) && !MANAGED.has(k.name));
  // Required keys Connect reports as missing, which the user has not added yet.
  const missing = Object.keys(remote ?? {})
    .filter((f) => f.startsWith("config.") && !(f.slice(7) in config))
    .map((f) => f.slice(7));
  const keyList = `connector-keys-${node.id}`;
  const secretList = `connector-secrets-${node.id}`;
  const add = (key: string) => set({ ...config, [key]: looksSecret(key) || byName.get(key)?.type === "PASSWORD" ? "" : (byName.get(key)?.defaultValue ?? "") });

  return (
    <fieldset>
      <legend>Connector config</legend>
      <datalist id={secretList}>
        {secretNames.map((n) => (
          <option key={n} value={secretRef(n)} />
        ))}
      </datalist>
      {Object.entries(config).map(([key, value]) => {
        const def = byName.get(key);
        const secret = def?.type === "PASSWORD" || looksSecret(key);
        return (
          <div key={key} className="config-row" data-testid={`connector-config-${key}`}>
            <label>
              <span className="config-key" title={def?.documentation ?? undefined}>
                {key}
              </span>
              <input
                value={value}
                onChange={(e) => set({ ...config, [key]: e.target.value })}
                aria-label={key}
                spellCheck={false}
                list={secret ? secretList : undefined}
                placeholder={secret ? secretRef("name") : (def?.defaultValue ?? undefined)}
              />
            </label>
            <RemoveKeyButton name={key} map={config} set={set} />
            <ConnectorFieldErrors local={local} remote={remote} field={`config.${key}`} />
          </div>
        );
      })}
      {missing.map((key) => (
        <div key={key} className="config-row" data-testid={`connector-missing-${key}`}>
          <ConnectorFieldErrors local={undefined} remote={remote} field={`config.${key}`} />
          <button type="button" className="secondary small" onClick={() => add(key)}>
            Add {key}
          </button>
        </div>
      ))}
      <div className="config-add">
        <input list={keyList} value={newKey} onChange={(e) => setNewKey(e.target.value.trim())} placeholder="add a key, e.g. file" aria-label="New connector config key" />
        <datalist id={keyList}>
          {unused.map((k) => (
            <option key={k.name} value={k.name}>
              {k.documentation ?? ""}
            </option>
          ))}
        </datalist>
        <button
          type="button"
          className="secondary small"
          disabled={!newKey || newKey in config || MANAGED.has(newKey)}
          onClick={() => {
            add(newKey);
            setNewKey("");
          }}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}
