"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, then true. A form whose submit is handled in
 * JavaScript keeps its button disabled until then: a click before hydration would submit natively (a GET with the
 * fields, a password among them, in the URL) and lose what was typed.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
