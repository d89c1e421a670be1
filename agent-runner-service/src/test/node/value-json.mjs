export const decodeArgs = (a) => a; export const encodeValue = (v) => v;
