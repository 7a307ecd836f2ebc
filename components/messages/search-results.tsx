"use client";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import { MessageList } from "./message-list";
import { partitionProgress, scanStatusText, type ScanResults } from "./scan-results-state";

/** Where the search or tail is, each partition's progress, then the messages (or that none matched). */
export function SearchResults({ results, messages, running, clusterId, topic, canCopy }: { results: ScanResults; messages: ScannedMessage[]; running: boolean; clusterId: string; topic: string; canCopy: boolean }) {
  const partitions = partitionProgress(results);
  return (
    <>
      {(results.progress || running) && (
        <div className="scan-progress" data-testid="scan-progress" aria-live="polite">
          {scanStatusText(results, running)}
          {partitions.length > 0 && (
            <div className="partition-progress">
              {partitions.map((p) => (
                <span key={p.partition} title={`partition ${p.partition}: ${p.position} of ${p.end}`}>
                  p{p.partition} {p.percent}%
                </span>
              ))}
            </div>
          )}
        </div>
      )}
      {messages.length > 0 ? <MessageList messages={messages} clusterId={clusterId} topic={topic} canCopy={canCopy && !running} /> : results.done && <p className="muted">No messages matched.</p>}
    </>
  );
}
