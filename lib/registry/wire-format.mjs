// Confluent's wire format for Schema-Registry-framed Kafka values and keys: a magic byte 0, the schema id as a
// 4-byte big-endian integer, then the payload. For Protobuf, the payload starts with the message indexes: the
// path to the message type in the .proto file (top-level message i, then nested message j, …) as a zigzag
// varint count followed by zigzag varint indexes, where the common case [0] is written as a single 0 byte.
// Pure. Plain JavaScript (types in wire-format.d.mts): the scan's worker threads load it without a build step.

export const MAGIC_BYTE = 0;
export const HEADER_BYTES = 5;

/** The schema id and payload of framed bytes, or null when the bytes are not framed (no magic byte, too short). */
export function unframe(bytes) {
  if (bytes.length < HEADER_BYTES || bytes[0] !== MAGIC_BYTE) return null;
  const schemaId = ((bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4]) >>> 0;
  // Ids are positive 31-bit integers: an id of 0 or one with the top bit set is not a frame.
  if (schemaId === 0 || schemaId > 0x7fffffff) return null;
  return { schemaId, payload: bytes.subarray(HEADER_BYTES) };
}

export function frame(schemaId, payload, messageIndexes) {
  const indexes = messageIndexes ? encodeMessageIndexes(messageIndexes) : new Uint8Array(0);
  const out = new Uint8Array(HEADER_BYTES + indexes.length + payload.length);
  out[0] = MAGIC_BYTE;
  out[1] = (schemaId >>> 24) & 0xff;
  out[2] = (schemaId >>> 16) & 0xff;
  out[3] = (schemaId >>> 8) & 0xff;
  out[4] = schemaId & 0xff;
  out.set(indexes, HEADER_BYTES);
  out.set(payload, HEADER_BYTES + indexes.length);
  return out;
}

function writeZigzag(out, n) {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

export function encodeMessageIndexes(indexes) {
  if (indexes.length === 1 && indexes[0] === 0) return new Uint8Array([0]);
  const out = [];
  writeZigzag(out, indexes.length);
  for (const i of indexes) writeZigzag(out, i);
  return new Uint8Array(out);
}

/** Reads the message indexes at the start of a Protobuf payload: the path and where the message starts, or null. */
export function decodeMessageIndexes(payload, maxDepth = 16) {
  let at = 0;
  const read = () => {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (at >= payload.length) return null;
      const b = payload[at++];
      v += (b & 0x7f) * scale;
      if (!(b & 0x80)) return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
      scale *= 128;
    }
    return null;
  };
  const count = read();
  if (count === null || count < 0 || count > maxDepth) return null;
  if (count === 0) return { indexes: [0], offset: at };
  const indexes = [];
  for (let i = 0; i < count; i++) {
    const n = read();
    if (n === null || n < 0) return null;
    indexes.push(n);
  }
  return { indexes, offset: at };
}
