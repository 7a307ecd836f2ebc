"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ConnectorDetail as Detail, RestartResult } from "@/lib/connect/connect-types";
import { ActionFailedError } from "@/lib/errors/action-result";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { FormError } from "@/components/ui/field-error";
import { connectorsHref, useConnectorOperationMutation, useConnectorQuery, type ConnectorOperation } from "./connect-queries";
import { ConnectorOffsets } from "./connector-offsets";
import { StateBadge } from "./connector-state";

interface Props {
  clusterId: string;
  clusterName: string;
  readOnly: boolean;
  connectId: string;
  name: string;
}

/** What a KIP-745 restart restarted, in words. */
export function restartedText(r: RestartResult): string {
  const what = [r.connector ? "the connector" : null, ...r.tasks.map((t) => `task ${t}`)].filter(Boolean);
  return what.length ? `Restarting ${what.join(", ")}.` : "Nothing had failed: nothing was restarted.";
}

export function ConnectorDetailPanel({ clusterId, clusterName, readOnly, connectId, name }: Props) {
  const { data, error, isFetching } = useConnectorQuery(clusterId, connectId, name);
  const mayOperate = useCan("connect:operate", clusterId) && !readOnly;
  const mayWrite = useCan("connect:write", clusterId) && !readOnly;
  const op = useConnectorOperationMutation({ clusterId, connectId, name });
  const [notice, setNotice] = useState<string | null>(null);
  const [opError, setOpError] = useState<string | null>(null);
  const router = useRouter();

  async function run(operation: ConnectorOperation, done: (result: unknown) => string) {
    setNotice(null);
    setOpError(null);
    try {
      setNotice(done(await op.mutateAsync(operation)));
    } catch (e) {
      setOpError(errorMessage(e));
    }
  }

  const gone = error instanceof ActionFailedError && error.code === "NOT_FOUND";
  return (
    <div>
      <p className="muted small crumbs">
        <Link href={`/clusters/${clusterId}`}>{clusterName}</Link> › <Link href={connectorsHref(clusterId)}>Connectors</Link> › {name}
      </p>
      <div className="page-head">
        <div>
          <h1>
            <code>{name}</code> {data && <StateBadge state={data.state} testId="connector-detail-state" />}
          </h1>
          {data && (
            <p className="muted">
              {data.type} connector · <code>{data.className}</code> · on {data.connectName}
              {data.workerId && <> · worker <code>{data.workerId}</code></>}
              {isFetching && " · refreshing…"}
            </p>
          )}
        </div>
        {data && (mayOperate || mayWrite) && (
          <div className="actions wrap" aria-label="Connector actions">
            {mayOperate && (
              <>
                <button
                  type="button"
                  className="secondary"
                  disabled={op.isPending}
                  title="Restarts the connector if it FAILED and every FAILED task, in one call (KIP-745)"
                  onClick={() => void run({ kind: "restart", includeTasks: true, onlyFailed: true }, (r) => restartedText(r as RestartResult))}
                >
                  Restart failed
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={op.isPending}
                  title="Restarts the connector and all its tasks"
                  onClick={() => void run({ kind: "restart", includeTasks: true, onlyFailed: false }, (r) => restartedText(r as RestartResult))}
                >
                  Restart all
                </button>
                {data.state === "RUNNING" && (
                  <button type="button" className="secondary" disabled={op.isPending} onClick={() => void run({ kind: "pause" }, () => "Pausing: its tasks stop processing.")}>
                    Pause
                  </button>
                )}
                {(data.state === "PAUSED" || data.state === "STOPPED") && (
                  <button type="button" className="secondary" disabled={op.isPending} onClick={() => void run({ kind: "resume" }, () => "Resuming.")}>
                    Resume
                  </button>
                )}
                {data.state !== "STOPPED" && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={op.isPending}
                    title="Shuts the connector and its tasks down, keeping its config and offsets (needed before resetting offsets)"
                    onClick={() => void run({ kind: "stop" }, () => "Stopping: the connector and its tasks shut down.")}
                  >
                    Stop
                  </button>
                )}
              </>
            )}
            {mayWrite && (
              <>
                <Link className="button-link" href={`/clusters/${clusterId}/connect/${connectId}/${encodeURIComponent(name)}/edit`}>
                  Edit
                </Link>
                <ConfirmDialog
                  trigger="Delete"
                  triggerClassName="danger"
                  label={`Delete connector ${name}`}
                  title={<>Delete connector “{name}”?</>}
                  confirmName={name}
                  nameLabel="Connector name to confirm"
                  confirmLabel="Delete connector"
                  pendingLabel="Deleting…"
                  onConfirm={(typed) => op.mutateAsync({ kind: "delete", confirmName: typed })}
                  onDone={() => router.push(connectorsHref(clusterId))}
                >
                  <p>Its tasks stop and its configuration goes. Its offsets stay in Connect&apos;s offsets topic: a connector created again under this name continues from them.</p>
                </ConfirmDialog>
              </>
            )}
          </div>
        )}
      </div>
      {notice && (
        <p className="ok" role="status" data-testid="connector-notice">
          {notice}
        </p>
      )}
      <FormError>{opError}</FormError>
      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)} {gone && <Link href={connectorsHref(clusterId)}>Back to the connectors</Link>}
        </div>
      )}
      {!data && !error && <p className="muted">Asking Connect…</p>}
      {data && <DetailBody clusterId={clusterId} data={data} mayOperate={mayOperate} onRestartTask={(task) => run({ kind: "restartTask", task }, () => `Restarting task ${task}.`)} onReset={() => op.mutateAsync({ kind: "resetOffsets" })} />}
    </div>
  );
}

function DetailBody({ clusterId, data, mayOperate, onRestartTask, onReset }: { clusterId: string; data: Detail; mayOperate: boolean; onRestartTask: (task: number) => void; onReset: () => Promise<unknown> }) {
  return (
    <>
      {data.state === "FAILED" && (
        <div className="banner error" role="alert" data-testid="connector-trace">
          <strong>The connector failed</strong> on {data.workerId ?? "a worker"}.
          {data.trace ? <Trace text={data.trace} open /> : <span> Connect gave no trace.</span>}
        </div>
      )}

      <h2>Tasks</h2>
      <table className="table compact" aria-label="Tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>State</th>
            <th>Worker</th>
            <th>Trace</th>
            {mayOperate && <th />}
          </tr>
        </thead>
        <tbody>
          {data.tasks.map((t) => (
            <tr key={t.id} data-testid={`task-${t.id}`}>
              <td>{t.id}</td>
              <td>
                <StateBadge state={t.state} testId="task-state" />
              </td>
              <td>
                <code className="small">{t.workerId ?? "—"}</code>
              </td>
              <td className="small" style={{ maxWidth: "48rem" }}>
                {t.trace ? <Trace text={t.trace} /> : <span className="muted">—</span>}
              </td>
              {mayOperate && (
                <td className="row-actions">
                  <button type="button" className="secondary small" onClick={() => onRestartTask(t.id)} aria-label={`Restart task ${t.id}`}>
                    Restart
                  </button>
                </td>
              )}
            </tr>
          ))}
          {!data.tasks.length && (
            <tr>
              <td colSpan={mayOperate ? 5 : 4} className="muted">
                {data.state === "STOPPED" ? "Stopped: no tasks run." : "No tasks (yet)."}
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h2>Topics</h2>
      <p data-testid="connector-topics">
        {data.topics === null ? (
          <span className="muted">Connect does not track this connector&apos;s topics.</span>
        ) : data.topics.length ? (
          data.topics.map((t, i) => (
            <span key={t}>
              {i > 0 && ", "}
              <Link href={`/clusters/${clusterId}/topics/${encodeURIComponent(t)}`}>
                <code>{t}</code>
              </Link>
            </span>
          ))
        ) : (
          <span className="muted">None used yet.</span>
        )}
      </p>

      <ConnectorOffsets data={data} mayReset={mayOperate} onReset={onReset} />

      <h2>Configuration</h2>
      {data.maskedKeys.length > 0 && <p className="muted small">Secrets are masked ({data.maskedKeys.join(", ")}): they never leave the server.</p>}
      <table className="table compact" aria-label="Configuration">
        <tbody>
          {Object.keys(data.config)
            .sort()
            .map((k) => (
              <tr key={k}>
                <td className="config-key">{k}</td>
                <td>
                  <code className="small" data-testid={`config-${k}`} style={{ wordBreak: "break-all" }}>
                    {data.config[k]}
                  </code>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

function Trace({ text, open }: { text: string; open?: boolean }) {
  const first = text.split("\n")[0];
  return (
    <details open={open}>
      <summary>{first}</summary>
      <pre className="small" style={{ whiteSpace: "pre-wrap", maxHeight: "24rem", overflow: "auto" }} data-testid="trace">
        {text}
      </pre>
    </details>
  );
}
