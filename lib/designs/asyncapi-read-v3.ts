import { deref, entries, escapePointer, follow, isObj, kafkaBinding, nonEmpty, withTraits, type Json } from "./asyncapi-json";
import type { AsyncApiReader, Direction } from "./asyncapi-reader";

// AsyncAPI 3.x (3.0 and 3.1 read alike: 3.1 changed nothing a Kafka design uses): channels are topics, with
// their messages' payloads as contracts; operations say which application sends or receives on which channel.
// A request/reply operation's reply channel is a topic the same application uses the other way.

const OPPOSITE: Record<Direction, Direction> = { send: "receive", receive: "send" };

export function readV3(r: AsyncApiReader, doc: Json) {
  const root = doc;
  for (const [key, raw] of entries(doc.channels)) {
    const { value: channel, pointer } = follow(root, raw, `/channels/${escapePointer(key)}`);
    if (!isObj(channel)) {
      r.warnings.push(`Channel "${key}" is not an object and was skipped`);
      continue;
    }
    const kafka = kafkaBinding(root, channel);
    const address = typeof channel.address === "string" ? channel.address : undefined;
    const topic = r.addTopic(key, channel, { bindingTopic: nonEmpty(kafka?.topic), address, parameters: channel.parameters }, kafka);
    for (const [messageKey, m] of entries(deref(root, channel.messages))) {
      const located = follow(root, m, pointer && `${pointer}/messages/${escapePointer(messageKey)}`);
      if (isObj(located.value)) r.addContract(topic, withTraits(root, located.value), located.pointer, `Channel "${key}", message "${messageKey}"`);
    }
  }
  for (const [key, raw] of entries(doc.operations)) {
    const found = deref(root, raw);
    if (!isObj(found)) {
      r.warnings.push(`Operation "${key}" is not an object and was skipped`);
      continue;
    }
    const op = withTraits(root, found);
    if (op.action !== "send" && op.action !== "receive") {
      r.warnings.push(`Operation "${key}" has action "${String(op.action)}" and was skipped`);
      continue;
    }
    const topic = r.resolveChannel(op.channel);
    if (!topic) {
      r.warnings.push(`Operation "${key}" refers to a channel that is not in the document and was skipped`);
      continue;
    }
    const draft = r.addOperation(key, op.action, topic, op, messagesOf(root, op.messages, op.channel));
    const reply = deref(root, op.reply);
    if (!isObj(reply)) continue;
    const replyTopic = reply.channel === undefined ? undefined : r.resolveChannel(reply.channel);
    if (replyTopic) {
      r.addOperation(`${key}.reply`, OPPOSITE[op.action], replyTopic, { bindings: op.bindings }, messagesOf(root, reply.messages, reply.channel), draft);
    } else {
      const address = deref(root, reply.address);
      const where = isObj(address) && typeof address.location === "string" ? ` (${address.location})` : "";
      r.warnings.push(`Operation "${key}" replies on an address chosen at run time${where}: no topic was made for its replies`);
    }
  }
}

/** An operation's messages, or else every message of its channel. */
function messagesOf(root: unknown, messages: unknown, channelRef: unknown): unknown[] {
  const list = deref(root, messages);
  if (Array.isArray(list) && list.length) return list.map((m) => withMessageTraits(root, m));
  const channel = deref(root, channelRef);
  return isObj(channel) ? Object.values(isObj(deref(root, channel.messages)) ? (deref(root, channel.messages) as Json) : {}).map((m) => withMessageTraits(root, m)) : [];
}

function withMessageTraits(root: unknown, m: unknown): unknown {
  const message = deref(root, m);
  return isObj(message) ? withTraits(root, message) : message;
}
