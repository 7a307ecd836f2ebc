"use client";
import { decodedLabel, type DecodedWith } from "@/lib/registry/decoded-with";
import "./registry.css";

/** On a message row: what decoded the value (or key), or that it did not decode (the reason in its title). */
export function DecodedBadge({ with: w, part = "value" }: { with: DecodedWith | undefined; part?: "key" | "value" }) {
  if (!w) return null;
  if (w.error) {
    return (
      <span className="badge warn decoded-badge" title={w.error} data-testid={`${part}-not-decoded`}>
        not decoded
      </span>
    );
  }
  return (
    <span className="badge decoded-badge" data-testid={`${part}-decoded`}>
      {decodedLabel(w)}
    </span>
  );
}

/** In a message's detail: how it was decoded, or why not (its raw bytes are shown below). */
export function DecodedNote({ with: w, label }: { with: DecodedWith | undefined; label: string }) {
  if (!w) return null;
  if (w.error) {
    return (
      <p className="error small" data-testid="decode-error">
        {label} did not decode ({decodedLabel(w)}): {w.error}. Its raw bytes are shown.
      </p>
    );
  }
  return (
    <p className="muted small" data-testid="decoded-with">
      {label} decoded as {decodedLabel(w)}
      {w.messageType ? ` (message ${w.messageType})` : ""}
    </p>
  );
}
