import { z } from "zod";

// References to secrets held in Topiary's encrypted store (per Kafka cluster): a connector config value in a
// design writes ${secret:name} (alone or inside a longer value, e.g. a JAAS line), and apply puts the stored value
// in its place. Connect's own config provider references (${file:/path:key}, ${env:NAME}) are references too: a
// value holding either is not a secret in the design.

export const SECRET_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const REFERENCE = /\$\{secret:([^}]*)\}/g;
const PROVIDER_REFERENCE = /\$\{(?!secret:)[A-Za-z0-9_.-]+:[^}]*\}/;

export const secretNameSchema = z
  .string()
  .trim()
  .regex(SECRET_NAME, "A secret's name uses 1 to 100 letters, digits, '.', '_' or '-'");

/** "${secret:name}" for a name. */
export const secretRef = (name: string) => `\${secret:${name}}`;

/** The names a value refers to, in order (a name that is not valid is returned too, for its error). */
export function secretRefNames(value: string): string[] {
  return [...value.matchAll(REFERENCE)].map((m) => m[1]);
}

/** True when the value refers to a stored secret or to one of Connect's config providers. */
export function holdsReference(value: string): boolean {
  return secretRefNames(value).length > 0 || PROVIDER_REFERENCE.test(value);
}

/**
 * The value with each ${secret:name} replaced by `lookup(name)`. Names the lookup does not know are collected in
 * `missing` and left as written (the caller refuses to send such a value).
 */
export function resolveSecretRefs(value: string, lookup: (name: string) => string | undefined): { value: string; missing: string[]; used: string[] } {
  const missing: string[] = [];
  const used: string[] = [];
  const out = value.replace(REFERENCE, (whole, name: string) => {
    const found = SECRET_NAME.test(name) ? lookup(name) : undefined;
    if (found === undefined) {
      missing.push(name);
      return whole;
    }
    used.push(name);
    return found;
  });
  return { value: out, missing, used };
}
