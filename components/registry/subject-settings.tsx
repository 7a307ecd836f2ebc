"use client";
import { useState } from "react";
import { COMPATIBILITY_LEVELS, REGISTRY_MODES, type CompatibilityLevel, type RegistryMode } from "@/lib/registry/registry-schemas";
import type { SubjectDetail } from "@/lib/registry/registry-types";
import { errorMessage } from "@/components/ui/fetch-json";
import { FormError } from "@/components/ui/field-error";
import { useSetCompatibilityMutation, useSetModeMutation } from "./registry-queries";

const GLOBAL = "";

/** The subject's compatibility level and mode: shown to every reader, changed by who may write (or reset to the global one). */
export function SubjectSettings({ clusterId, detail, mayWrite }: { clusterId: string; detail: SubjectDetail; mayWrite: boolean }) {
  const setLevel = useSetCompatibilityMutation();
  const setMode = useSetModeMutation();
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e) => setError(errorMessage(e)));
  };
  return (
    <div className="card" aria-label="Compatibility and mode" data-testid="subject-settings">
      <div className="form-row">
        <label>
          Compatibility
          {mayWrite ? (
            <select
              value={detail.compatibilityIsGlobal ? GLOBAL : detail.compatibility}
              onChange={(e) => run(setLevel.mutateAsync({ clusterId, subject: detail.subject, level: e.target.value === GLOBAL ? null : (e.target.value as CompatibilityLevel) }))}
              aria-label="Compatibility level"
            >
              <option value={GLOBAL}>global default{detail.compatibilityIsGlobal ? ` (${detail.compatibility})` : ""}</option>
              {COMPATIBILITY_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          ) : (
            <strong data-testid="compatibility-level">
              {detail.compatibility}
              {detail.compatibilityIsGlobal ? " (global)" : ""}
            </strong>
          )}
        </label>
        <label>
          Mode
          {mayWrite && detail.mode !== null ? (
            <select
              value={detail.modeIsGlobal ? GLOBAL : detail.mode}
              onChange={(e) => run(setMode.mutateAsync({ clusterId, subject: detail.subject, mode: e.target.value === GLOBAL ? null : (e.target.value as RegistryMode) }))}
              aria-label="Mode"
            >
              <option value={GLOBAL}>global default{detail.modeIsGlobal ? ` (${detail.mode})` : ""}</option>
              {REGISTRY_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <strong data-testid="registry-mode">{detail.mode ?? "not served by this registry"}{detail.modeIsGlobal && detail.mode ? " (global)" : ""}</strong>
          )}
        </label>
      </div>
      <FormError>{error}</FormError>
    </div>
  );
}
