// Builds a JavaScript agent with componentize-js 0.23 through its API.
//
// componentize-js reads the WIT inside a WASI sandbox run on the preview2-shim it resolves from
// this folder; shim 0.26 (the one jco 1.35 uses) has no default preopen, so the CLI cannot read
// any --wit path. We open `/` on that very shim instance before componentizing.
//
// usage: node componentize-js-agent.mjs SOURCE.js OUT.wasm --wit FILE --world NAME [--disable F]...
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { _addPreopen } from '@bytecodealliance/preview2-shim/filesystem';
import { componentize } from '@bytecodealliance/componentize-js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    wit: { type: 'string' },
    world: { type: 'string' },
    disable: { type: 'string', multiple: true, default: [] },
  },
});
if (positionals.length !== 2 || !values.wit || !values.world) {
  console.error('usage: componentize-js-agent.mjs SOURCE.js OUT.wasm --wit FILE --world NAME [--disable F]...');
  process.exit(2);
}
_addPreopen('/', '/');
const { component } = await componentize({
  sourcePath: resolve(positionals[0]),
  witPath: resolve(values.wit),
  worldName: values.world,
  disableFeatures: values.disable,
});
await writeFile(positionals[1], component);
// the shim's worker thread would keep Node alive
process.exit(0);
