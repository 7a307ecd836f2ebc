// Reads a server-sent-event response in tests (never imported by the app).

export interface SseEvent {
  event: string;
  data: unknown;
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "null";
      return { event, data: JSON.parse(data) };
    });
}

/** Reads events until `until` says stop (or the stream ends), then cancels the stream. */
export async function readSse(res: Response, until: (events: SseEvent[]) => boolean = () => false, timeoutMs = 20_000): Promise<SseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (next === null) break;
    if (next.done) break;
    buffer += decoder.decode(next.value, { stream: true });
    if (until(parseSse(buffer.slice(0, buffer.lastIndexOf("\n\n") + 2)))) break;
  }
  await reader.cancel().catch(() => {});
  return parseSse(buffer.slice(0, buffer.lastIndexOf("\n\n") + 2));
}
