"use client";
import { describeDelivery, type AlertEventView, type WebhookDeliveryView } from "@/lib/alerts/alert-views";

const time = (iso: string) => new Date(iso).toLocaleString();
const clock = (iso: string) => new Date(iso).toLocaleTimeString();

function Delivery({ d }: { d: WebhookDeliveryView }) {
  return (
    <li className={`delivery delivery-${d.status}`} data-testid="delivery">
      <span className="muted">{d.transition}:</span> {describeDelivery(d, clock)}
    </li>
  );
}

/** Every firing and resolving of the cluster's rules, newest first, with what became of each webhook POST. */
export function AlertEventsTable({ events }: { events: AlertEventView[] }) {
  if (!events.length) return <p className="muted">Nothing has fired yet.</p>;
  return (
    <table className="table compact" aria-label="Alert history">
      <thead>
        <tr>
          <th>State</th>
          <th>Rule</th>
          <th>Group or topic</th>
          <th>What was seen</th>
          <th>Fired</th>
          <th>Resolved</th>
          <th>Webhook</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-testid="alert-event">
            <td>
              <span className={`badge alert-${e.state}`}>{e.state}</span>
            </td>
            <td>{e.ruleName}</td>
            <td>
              {e.kind === "conformance" && <span className="muted small">topic </span>}
              <code>{e.groupId}</code>
            </td>
            <td className="alert-message">{e.message}</td>
            <td className="nowrap">{time(e.firedAt)}</td>
            <td className="nowrap">{e.resolvedAt ? time(e.resolvedAt) : <span className="muted">—</span>}</td>
            <td>
              {e.deliveries.length ? (
                <ul className="plain deliveries">
                  {e.deliveries.map((d) => (
                    <Delivery key={d.id} d={d} />
                  ))}
                </ul>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
