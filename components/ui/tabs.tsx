"use client";
import { useCallback, useState, type ReactNode } from "react";

export interface TabSpec<K extends string> {
  key: K;
  label: ReactNode;
}

/**
 * The current tab, kept in the URL's `tab` query parameter (links and reloads land on it) without a server
 * round trip: switching replaces the URL in place.
 */
export function useUrlTab<K extends string>(keys: readonly K[], initial: string | undefined): [K, (k: K) => void] {
  const [tab, setTab] = useState<K>(keys.includes(initial as K) ? (initial as K) : keys[0]);
  const select = useCallback((k: K) => {
    setTab(k);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", k);
    window.history.replaceState(window.history.state, "", url);
  }, []);
  return [tab, select];
}

/** A row of tabs (ARIA tablist); each panel is rendered by the caller with `tabPanelProps`. */
export function Tabs<K extends string>({ label, tabs, current, onSelect, idPrefix }: { label: string; tabs: TabSpec<K>[]; current: K; onSelect: (k: K) => void; idPrefix: string }) {
  const move = (from: K, step: number) => {
    const i = tabs.findIndex((t) => t.key === from);
    const next = tabs[(i + step + tabs.length) % tabs.length].key;
    onSelect(next);
    document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.key}`}
          aria-selected={t.key === current}
          aria-controls={`${idPrefix}-panel-${t.key}`}
          tabIndex={t.key === current ? 0 : -1}
          className={t.key === current ? "tab current" : "tab"}
          onClick={() => onSelect(t.key)}
          onKeyDown={(e) => {
            if (e.key === "ArrowRight") move(t.key, 1);
            else if (e.key === "ArrowLeft") move(t.key, -1);
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export const tabPanelProps = (idPrefix: string, key: string) => ({ role: "tabpanel" as const, id: `${idPrefix}-panel-${key}`, "aria-labelledby": `${idPrefix}-tab-${key}` });
