// JSON encoding of component values as jco represents them in JavaScript, for the reference
// host's `call` mode. The rules (also in ../agents/README.md):
// - 64-bit integers (s64/u64, BigInt in JS) are strings with an `n` suffix: "123n", "-5n";
// - floats are numbers, except NaN, Infinity, -Infinity and -0, written as those strings
//   (on input jco converts such strings with ToNumber, so they are accepted as they are);
// - record fields and flags use their WIT (kebab-case) names; variants, nested options and
//   results as parameters are {"tag": case, "val": payload}; enums are case names;
//   option none (and a unit ok/err payload) is null; lists and tuples are arrays;
// - own/borrow resource handles are {"$resource": N}, N numbering the handles of one run.

const BIGINT = /^-?\d+n$/;
const kebab = (k) => k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const camel = (k) => k.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** JSON value → jco JS value; `resources` maps {"$resource": N} to live handle objects. */
export function decodeValue(v, resources = []) {
  if (v === null) return undefined;
  if (typeof v === 'string') return BIGINT.test(v) ? BigInt(v.slice(0, -1)) : v;
  if (Array.isArray(v)) {
    const items = v.map((x) => decodeValue(x, resources));
    return items.length > 0 && items.every((x) => typeof x === 'bigint')
      ? (items.some((x) => x < 0n) ? BigInt64Array.from(items) : BigUint64Array.from(items))
      : items;
  }
  if (typeof v === 'object') {
    if ('$resource' in v) {
      const handle = resources[v.$resource];
      if (!handle) throw new Error(`unknown resource handle ${v.$resource}`);
      return handle;
    }
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k === 'tag' || k === 'val' ? k : camel(k)] = decodeValue(x, resources);
    return out;
  }
  return v;
}

export const decodeArgs = (args, resources) => {
  if (!Array.isArray(args)) throw new Error('the arguments must be a JSON array');
  return args.map((a) => decodeValue(a, resources));
};

/** jco JS value → JSON value; unknown objects with methods are resources, added to `resources`. */
export function encodeValue(v, resources = []) {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'bigint':
      return `${v}n`;
    case 'number':
      if (Number.isNaN(v)) return 'NaN';
      if (v === Infinity) return 'Infinity';
      if (v === -Infinity) return '-Infinity';
      return Object.is(v, -0) ? '-0' : v;
    case 'string':
    case 'boolean':
      return v;
    default:
      break;
  }
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v, (x) => encodeValue(x, resources));
  if (Object.getPrototypeOf(v) !== Object.prototype) {
    resources.push(v);
    return { $resource: resources.length - 1 };
  }
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k === 'tag' || k === 'val' ? k : kebab(k)] = encodeValue(x, resources);
  return out;
}
