// Connector configurations hold credentials (database passwords, API keys, JAAS configs). What reaches the
// browser has them replaced by SECRET_MASK: the keys the plugin declares as PASSWORD, and keys that look like
// secrets whatever the plugin says (a plugin may declare a password as a plain STRING). A value that only refers
// to a secret held elsewhere (a config provider reference such as ${file:/etc/secrets:db.password}) is shown.

export const SECRET_MASK = "••••••••";

const SECRET_KEY = /(password|passwd|passphrase|secret|token|credential|api[._-]?key|private[._-]?key|access[._-]?key|jaas\.config|sasl\.jaas|auth\.info|signature)/i;
/** Keys that mention a secret but hold none (where to find one, how it is typed). */
const NOT_SECRET = /(\.location|\.type|\.path|\.file|\.provider|\.algorithm|\.enabled?|\.url|\.uri|\.endpoint|\.protocol|\.mechanism|\.class)$/i;
const PROVIDER_REFERENCE = /^\$\{[^}:]+:[^}]*\}$/;

/** True for a key whose value should never be shown. */
export function looksSecret(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET.test(key);
}

/** The config with secrets masked, and which keys were. `passwordKeys`: the plugin's PASSWORD-typed keys. */
export function maskConfig(config: Record<string, string>, passwordKeys: Iterable<string> = []): { config: Record<string, string>; maskedKeys: string[] } {
  const declared = new Set(passwordKeys);
  const out: Record<string, string> = {};
  const maskedKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const secret = (declared.has(key) || looksSecret(key)) && value !== "" && !PROVIDER_REFERENCE.test(value);
    out[key] = secret ? SECRET_MASK : value;
    if (secret) maskedKeys.push(key);
  }
  return { config: out, maskedKeys };
}

/**
 * The config to send to Connect when a user edited a masked one: every value still equal to SECRET_MASK on a
 * key that was masked takes the stored value back. Anything else is the user's.
 */
export function unmaskConfig(edited: Record<string, string>, stored: Record<string, string>, maskedKeys: Iterable<string>): Record<string, string> {
  const masked = new Set(maskedKeys);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(edited)) {
    out[key] = value === SECRET_MASK && masked.has(key) && key in stored ? stored[key] : value;
  }
  return out;
}
