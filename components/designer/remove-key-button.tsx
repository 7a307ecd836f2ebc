/** The × after a key/value row (topic configs, connector config): sets the map without that key. */
export function RemoveKeyButton({ name, map, set }: { name: string; map: Record<string, string>; set: (next: Record<string, string>) => void }) {
  return (
    <button
      type="button"
      className="secondary small"
      aria-label={`Remove ${name}`}
      onClick={() => {
        const next = { ...map };
        delete next[name];
        set(next);
      }}
    >
      ×
    </button>
  );
}
