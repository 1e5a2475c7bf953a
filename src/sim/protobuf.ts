/**
 * A tiny reader for the protobuf bodies kubectl 1.32 posts for access reviews: the "k8s\0"
 * envelope (runtime.Unknown), then SelfSubjectAccessReview / SelfSubjectRulesReview fields.
 */

type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

/** Splits one protobuf message into its fields (length-delimited ones as Buffers). */
function readFields(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = readVarint(buf, pos);
    pos = next;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      const [len, start] = readVarint(buf, pos);
      if (start + len > buf.length) throw new Error('truncated field');
      value = buf.subarray(start, start + len);
      pos = start + len;
    } else if (wire === 1) {
      value = buf.readDoubleLE(pos);
      pos += 8;
    } else if (wire === 5) {
      value = buf.readFloatLE(pos);
      pos += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

function str(fields: Fields, n: number): string {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}

function msg(fields: Fields, n: number): Fields | undefined {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? readFields(v) : undefined;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** True when the body starts with the Kubernetes protobuf envelope magic. */
export function isProtobufEnvelope(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

/** Unwraps the envelope: the TypeMeta and the raw object bytes. */
export function unwrapEnvelope(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  const unknown = readFields(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const raw = unknown.get(2)?.[0];
  return {
    apiVersion: typeMeta ? str(typeMeta, 1) : '',
    kind: typeMeta ? str(typeMeta, 2) : '',
    raw: Buffer.isBuffer(raw) ? raw : Buffer.alloc(0),
  };
}

/** Decodes a SelfSubjectAccessReview (raw bytes) to its JSON `spec`. */
export function decodeAccessReviewSpec(raw: Buffer): Record<string, unknown> {
  const spec = msg(readFields(raw), 2);
  const out: Record<string, unknown> = {};
  const ra = spec && msg(spec, 1);
  if (ra) {
    out['resourceAttributes'] = {
      namespace: str(ra, 1),
      verb: str(ra, 2),
      group: str(ra, 3),
      version: str(ra, 4),
      resource: str(ra, 5),
      subresource: str(ra, 6),
      name: str(ra, 7),
    };
  }
  const nra = spec && msg(spec, 2);
  if (nra) out['nonResourceAttributes'] = { path: str(nra, 1), verb: str(nra, 2) };
  return out;
}

/** Decodes a SelfSubjectRulesReview (raw bytes) to its JSON `spec`. */
export function decodeRulesReviewSpec(raw: Buffer): Record<string, unknown> {
  const spec = msg(readFields(raw), 2);
  return { namespace: spec ? str(spec, 1) : '' };
}
