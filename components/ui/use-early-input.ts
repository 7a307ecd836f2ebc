"use client";
import { useEffect, useRef } from "react";

/**
 * A ref for a text input whose page comes server-rendered with its data (the topic list, the groups list): what
 * is typed into it before React has hydrated the page is in the element but never reached React's state, so on
 * mount it is taken over (`adopt` gets it, once, when it differs from the state's `current`).
 */
export function useEarlyInput(current: string, adopt: (value: string) => void) {
  const ref = useRef<HTMLInputElement>(null);
  const first = useRef({ current, adopt });
  useEffect(() => {
    const typed = ref.current?.value ?? "";
    if (typed !== first.current.current) first.current.adopt(typed);
  }, []);
  return ref;
}
