"use client";
import { useMemo, useState } from "react";
import { NODE_KIND_LABELS } from "@/lib/designs/design-schema";
import { TOPIC_CONFIGS, topicConfigSpec } from "@/lib/topics/topic-configs";
import { ConnectorFields } from "./connector-fields";
import { ContractEditor } from "./contract-editor";
import type { FlowNode, FlowNodeOf } from "./design-flow";
import { useDesigner, type DesignerState } from "./designer-store";
import { DriftDetails } from "./drift-details";
import { FieldProblems } from "./field-problems";
import { IdentityFields } from "./identity-fields";
import { NodeDetails } from "./node-details";
import { RemoveKeyButton } from "./remove-key-button";
import { TopicContractPanel } from "./topic-contract-panel";

function TextField<F extends string>({ node, field, label, multiline, placeholder }: { node: { id: string; data: Record<F, string> }; field: F; label: string; multiline?: boolean; placeholder?: string }) {
  const update = useDesigner((s) => s.updateNodeData);
  const value = node.data[field];
  return (
    <>
      <label>
        {label}
        {multiline ? (
          <textarea rows={4} value={value} placeholder={placeholder} onChange={(e) => update(node.id, { [field]: e.target.value })} spellCheck={false} />
        ) : (
          <input value={value} placeholder={placeholder} onChange={(e) => update(node.id, { [field]: e.target.value })} spellCheck={false} />
        )}
      </label>
      <FieldProblems nodeId={node.id} field={field} />
    </>
  );
}

function NumberField<F extends string>({ node, field, label, nullable }: { node: { id: string; data: Record<F, number | null> }; field: F; label: string; nullable?: boolean }) {
  const update = useDesigner((s) => s.updateNodeData);
  const raw = node.data[field];
  return (
    <>
      <label>
        {label}
        <input
          type="number"
          value={raw === null || Number.isNaN(raw) ? "" : String(raw)}
          onChange={(e) => {
            const v = e.target.value;
            // An empty field stays visible as a problem ("at least 1") rather than silently becoming 0.
            update(node.id, { [field]: v === "" ? (nullable ? null : 0) : Number(v) });
          }}
        />
      </label>
      <FieldProblems nodeId={node.id} field={field} />
    </>
  );
}

function TopicConfigs({ node }: { node: FlowNodeOf<"topic"> }) {
  const update = useDesigner((s) => s.updateNodeData);
  const configs = node.data.configs;
  const [newKey, setNewKey] = useState("");
  const set = (next: Record<string, string>) => update(node.id, { configs: next });
  const unused = TOPIC_CONFIGS.filter((c) => !(c.key in configs));

  return (
    <fieldset>
      <legend>Topic configs</legend>
      {Object.entries(configs).map(([key, value]) => {
        const spec = topicConfigSpec(key);
        const t = spec?.type;
        return (
          <div key={key} className="config-row">
            <label>
              <span className="config-key" title={spec?.doc}>
                {key}
              </span>
              {t?.kind === "enum" || t?.kind === "boolean" ? (
                <select value={value} onChange={(e) => set({ ...configs, [key]: e.target.value })} aria-label={key}>
                  {!(t.kind === "enum" ? t.values : ["true", "false"]).includes(value) && <option value={value}>{value}</option>}
                  {(t.kind === "enum" ? t.values : ["true", "false"]).map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              ) : (
                <input value={value} onChange={(e) => set({ ...configs, [key]: e.target.value })} aria-label={key} spellCheck={false} placeholder={spec?.defaultValue} />
              )}
            </label>
            <RemoveKeyButton name={key} map={configs} set={set} />
            <FieldProblems nodeId={node.id} field={`configs.${key}`} />
          </div>
        );
      })}
      <div className="config-add">
        <input list="topic-config-keys" value={newKey} onChange={(e) => setNewKey(e.target.value.trim())} placeholder="add a config, e.g. retention.ms" aria-label="New config key" />
        <datalist id="topic-config-keys">
          {unused.map((c) => (
            <option key={c.key} value={c.key}>
              {c.doc}
            </option>
          ))}
        </datalist>
        <button
          type="button"
          className="secondary small"
          disabled={!newKey || newKey in configs}
          onClick={() => {
            set({ ...configs, [newKey]: topicConfigSpec(newKey)?.defaultValue ?? "" });
            setNewKey("");
          }}
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}

/**
 * Selects the node with this id as it was first seen with its current type and data: a drag gives the node a
 * new position (and a new object) every frame, which the panel does not show, so it is not re-rendered.
 */
function stableNodeSelector(id: string | null) {
  let last: FlowNode | undefined;
  return (s: DesignerState): FlowNode | undefined => {
    const n = id === null ? undefined : s.nodes.find((x) => x.id === id);
    if (!n || !last || last.id !== n.id || last.type !== n.type || last.data !== n.data) last = n;
    return last;
  };
}

// Only to group the fields: no border or padding of its own.
const BARE_FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 };

export function PropertiesPanel({ readOnly }: { readOnly: boolean }) {
  // The selection's id (or how many are selected), then its type and data only: they stay the same while the
  // node is dragged, so the panel does not re-render on every frame of a drag.
  const selectedId = useDesigner((s) => {
    let id: string | null = null;
    let count = 0;
    for (const n of s.nodes) if (n.selected) (count++, (id = n.id));
    return count === 1 ? id! : count;
  });
  const selectNode = useMemo(() => stableNodeSelector(typeof selectedId === "string" ? selectedId : null), [selectedId]);
  const node = useDesigner(selectNode);
  const update = useDesigner((s) => s.updateNodeData);

  if (!node) {
    const selected = typeof selectedId === "number" ? selectedId : 0;
    return (
      <aside className="panel props" aria-label="Properties">
        <h2>Properties</h2>
        <p className="muted small">
          {readOnly
            ? selected > 1
              ? `${selected} nodes selected.`
              : "Select a node to see it."
            : selected > 1
              ? `${selected} nodes selected. Delete, copy or move them together.`
              : "Select a node to edit it. Drag from the palette to add one."}
        </p>
      </aside>
    );
  }
  if (readOnly) {
    return (
      <aside className="panel props" aria-label="Properties">
        <h2>{NODE_KIND_LABELS[node.type]}</h2>
        <DriftDetails nodeId={node.id} />
        <NodeDetails node={node} />
        {node.type === "topic" && <TopicContractPanel node={node} readOnly />}
      </aside>
    );
  }
  return (
    <aside className="panel props" aria-label="Properties">
      <h2>{NODE_KIND_LABELS[node.type]}</h2>
      <DriftDetails nodeId={node.id} />
      <fieldset className="form compact" style={BARE_FIELDSET}>
        {node.type === "topic" && (
          <>
            <TextField node={node} field="name" label="Topic name" />
            <NumberField node={node} field="partitions" label="Partitions" />
            <NumberField node={node} field="replicationFactor" label="Replication factor" />
            <TextField node={node} field="description" label="Description" multiline />
            <label className="check">
              <input type="checkbox" checked={node.data.deleteOnApply === true} onChange={(e) => update(node.id, { deleteOnApply: e.target.checked })} />
              Delete on apply
            </label>
            <TopicConfigs node={node} />
            <ContractEditor node={node} />
            <TopicContractPanel node={node} readOnly={false} />
            {node.data.addressPattern !== undefined && (
              <label>
                Address pattern (AsyncAPI)
                <input
                  value={node.data.addressPattern}
                  onChange={(e) => update(node.id, { addressPattern: e.target.value || undefined })}
                  spellCheck={false}
                  title="The channel address this topic is one of; the AsyncAPI export writes it with its parameters"
                />
              </label>
            )}
          </>
        )}
        {node.type === "consumerGroup" && (
          <>
            <TextField node={node} field="groupId" label="Group id" />
            <TextField node={node} field="appName" label="Application" />
            <TextField node={node} field="description" label="Description" multiline />
          </>
        )}
        {node.type === "producer" && (
          <>
            <TextField node={node} field="appName" label="Application" />
            <TextField node={node} field="clientId" label="Client id" />
            <NumberField node={node} field="rate" label="Expected rate (messages/s)" nullable />
            <TextField node={node} field="description" label="Description" multiline />
            <TextField node={node} field="examplePayload" label="Example payload" multiline placeholder='{"orderId": "o-1"}' />
          </>
        )}
        {node.type === "processor" && (
          <>
            <TextField node={node} field="appName" label="Application" />
            <TextField node={node} field="groupId" label="Consumer group id" />
            <TextField node={node} field="clientId" label="Client id" />
            <TextField node={node} field="description" label="Description" multiline />
          </>
        )}
        {(node.type === "sourceConnector" || node.type === "sinkConnector") && <ConnectorFields key={node.id} node={node} />}
        <IdentityFields node={node} />
      </fieldset>
    </aside>
  );
}
