// Wraps a core wasm module that follows the canonical ABI into a component (wit-component via
// the jco API): embeds the world from a WIT file, then runs component-new, optionally with the
// preview1 reactor adapter for modules that import wasi_snapshot_preview1.
//
// usage: node componentize-core.mjs CORE.wasm OUT.wasm --wit FILE --world NAME [--wasi-reactor]
//        [--string-encoding utf8|utf16|compact-utf16]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    wit: { type: 'string' },
    world: { type: 'string' },
    'wasi-reactor': { type: 'boolean', default: false },
    'string-encoding': { type: 'string', default: 'utf8' },
  },
});
if (positionals.length !== 2 || !values.wit || !values.world) {
  console.error('usage: componentize-core.mjs CORE.wasm OUT.wasm --wit FILE --world NAME [--wasi-reactor] [--string-encoding E]');
  process.exit(2);
}
const [corePath, outPath] = positionals;
const core = await readFile(corePath);
const embedded = await componentEmbed({
  binary: core,
  witSource: await readFile(values.wit, 'utf8'),
  world: values.world,
  stringEncoding: values['string-encoding'],
});
const adapters = values['wasi-reactor']
  ? [['wasi_snapshot_preview1', await readFile(preview1AdapterReactorPath())]]
  : [];
await writeFile(outPath, await componentNew(embedded, adapters));
