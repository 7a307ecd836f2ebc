"use client";
import { useCallback, useRef, useState } from "react";

export type StreamState = "idle" | "running" | "done" | "error";

/**
 * Reads a server-sent-event response with fetch (not EventSource: fetch can read a JSON error answer, and
 * aborting it ends the work on the server). `onEvent` gets each event as it arrives.
 */
export function useEventStream(onEvent: (event: string, data: unknown) => void) {
  const [state, setState] = useState<StreamState>("idle");
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const handler = useRef(onEvent);
  handler.current = onEvent;

  const stop = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
  }, []);

  const start = useCallback(async (url: string) => {
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setError(null);
    setState("running");
    try {
      const res = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" }, cache: "no-store" });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        setError(body?.error?.message ?? `The server answered ${res.status}`);
        setState("error");
        return;
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let failed = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data === undefined) continue;
          const parsed = JSON.parse(data) as unknown;
          if (event === "error") {
            failed = true;
            setError((parsed as { message?: string }).message ?? "The search failed");
          }
          handler.current(event, parsed);
        }
      }
      setState(failed ? "error" : "done");
    } catch (e) {
      if ((e as Error).name === "AbortError") setState("done");
      else {
        setError("The connection to the Topiary server was lost.");
        setState("error");
      }
    } finally {
      if (abortRef.current === abort) abortRef.current = null;
    }
  }, []);

  return { state, error, start, stop };
}
