"use client";
import { topicConfigSpec } from "@/lib/topics/topic-configs";

/** The input for one topic config's value: a list of choices for enums and booleans, text otherwise. */
export function ConfigValueInput({
  configKey,
  value,
  onChange,
  label,
  invalid,
  autoFocus,
}: {
  configKey: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
  invalid?: boolean;
  autoFocus?: boolean;
}) {
  const spec = topicConfigSpec(configKey);
  const t = spec?.type;
  if (t?.kind === "enum" || t?.kind === "boolean") {
    const choices: readonly string[] = t.kind === "enum" ? t.values : ["true", "false"];
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} aria-invalid={invalid || undefined} autoFocus={autoFocus}>
        {!choices.includes(value) && <option value={value}>{value}</option>}
        {choices.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    );
  }
  return (
    <input
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      aria-invalid={invalid || undefined}
      spellCheck={false}
      placeholder={spec?.defaultValue}
      autoFocus={autoFocus}
    />
  );
}
