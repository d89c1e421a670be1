// Turns the core module clang built into a component of wit/agent.wit (wit-component, via jco).
// usage: node componentize.mjs CORE.wasm OUT.wasm
import { readFile, writeFile } from 'node:fs/promises';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';
import { parse } from 'node:path';

const [corePath, outPath] = process.argv.slice(2);
if (!corePath || !outPath) {
  console.error('usage: node componentize.mjs CORE.wasm OUT.wasm');
  process.exit(2);
}
const witDir = new URL('./wit/agent.wit', import.meta.url);
const core = await readFile(corePath);
const embedded = await componentEmbed({
  binary: core,
  witSource: await readFile(witDir, 'utf8'),
  world: 'agent-world',
});
// If the code uses libc I/O (printf to stdout, files) the core module imports WASI preview 1:
// the reactor adapter maps it to WASI 0.2, which the runner provides (sandboxed).
const usesWasi = WebAssembly.Module.imports(await WebAssembly.compile(core))
  .some((i) => i.module === 'wasi_snapshot_preview1');
const adapters = usesWasi ? [['wasi_snapshot_preview1', await readFile(preview1AdapterReactorPath())]] : [];
await writeFile(outPath, await componentNew(embedded, adapters));
console.log(`${parse(outPath).base}: ${usesWasi ? 'with' : 'without'} the WASI adapter`);
