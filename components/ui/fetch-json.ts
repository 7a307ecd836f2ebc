import { ActionFailedError } from "@/lib/errors/action-result";

/** GETs a guarded route handler; a non-2xx answer becomes an ActionFailedError carrying the server's message. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new ActionFailedError({ code: "INTERNAL", message: "The Topiary server cannot be reached." });
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const error = body?.error ?? { code: "INTERNAL", message: `The server answered ${res.status}` };
    throw new ActionFailedError(error);
  }
  return body as T;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : "Something went wrong";
}
