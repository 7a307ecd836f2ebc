// Kafka's topic-name rules (org.apache.kafka.common.internals.Topic).

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Null when the name is legal, else why not. */
export function topicNameError(name: string): string | null {
  if (name.length === 0) return "A topic name cannot be empty";
  if (name === "." || name === "..") return `A topic cannot be named "${name}"`;
  if (name.length > MAX_TOPIC_NAME_LENGTH) return `A topic name has at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${name.length})`;
  if (!LEGAL.test(name)) return "A topic name uses only ASCII letters, digits, '.', '_' and '-'";
  return null;
}

/** Kafka warns that names differing only in '.' versus '_' collide in metric names. */
export function unifyCollisionChars(name: string): string {
  return name.replace(/\./g, "_");
}

/** Why Kafka would refuse `name` next to `existing` ('.' and '_' collide in Kafka's metric names). */
export function topicCollisionMessage(name: string, existing: string): string {
  return `Topic "${name}" collides with "${existing}": Kafka treats '.' and '_' alike in metric names and refuses the second`;
}

/** The first of `existing` that `name` collides with ('.' vs '_'), or null. The same name is not a collision. */
export function collidingTopic(name: string, existing: Iterable<string>): string | null {
  const u = unifyCollisionChars(name);
  for (const e of existing) if (e !== name && unifyCollisionChars(e) === u) return e;
  return null;
}
