import type { ConnectorState, ConnectorSummary, ConnectorType } from "./connect-types";

// The connectors page's filter and search, on the rows the server listed (a Connect cluster holds tens to a few
// hundred connectors, never the thousands a topic list can have).

export interface ConnectorFilter {
  /** Substring, case-insensitive, of the name, class or a topic. */
  q: string;
  /** "problems": FAILED connectors and connectors with a FAILED task. */
  state: ConnectorState | "problems" | "all";
  type: ConnectorType | "all";
  connectId: string | "all";
}

export const NO_FILTER: ConnectorFilter = { q: "", state: "all", type: "all", connectId: "all" };

export const hasProblem = (c: ConnectorSummary) => c.state === "FAILED" || c.tasks.failed > 0;

export function filterConnectors(rows: readonly ConnectorSummary[], f: ConnectorFilter): ConnectorSummary[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter((c) => {
    if (f.connectId !== "all" && c.connectId !== f.connectId) return false;
    if (f.type !== "all" && c.type !== f.type) return false;
    if (f.state === "problems" ? !hasProblem(c) : f.state !== "all" && c.state !== f.state) return false;
    if (!q) return true;
    return c.name.toLowerCase().includes(q) || c.className.toLowerCase().includes(q) || (c.topics ?? []).some((t) => t.toLowerCase().includes(q));
  });
}

/** The class's simple name (FileStreamSourceConnector for org.apache.kafka.connect.file.FileStreamSourceConnector). */
export const shortClassName = (className: string) => className.slice(className.lastIndexOf(".") + 1);

/**
 * The installed plugin a `connector.class` value names: Connect accepts the full class name, its simple name, or
 * the simple name without "Connector" (FileStreamSource). Null when the workers have no such plugin.
 */
export function findPlugin<P extends { className: string }>(plugins: readonly P[], connectorClass: string): P | null {
  const wanted = connectorClass.trim();
  if (!wanted) return null;
  const exact = plugins.find((p) => p.className === wanted);
  if (exact) return exact;
  const matches = plugins.filter((p) => {
    const simple = shortClassName(p.className);
    return simple === wanted || (simple.endsWith("Connector") && simple.slice(0, -"Connector".length) === wanted);
  });
  return matches.length === 1 ? matches[0] : null;
}
