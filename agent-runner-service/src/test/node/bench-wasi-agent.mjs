#!/usr/bin/env node
// Node + jco + preview2-shim baseline for the WASI agent benchmark (WasiAgentBench): the same
// measurements on the same component, WASI sandboxed as in reference-run.mjs.
//
//   node --expose-gc bench-wasi-agent.mjs FILE.wasm INSTANTIATIONS CALLS RETAINED
//     → {"coldMs": first instantiation + on-init, core modules compiled then (transpile cached),
//        "warmMs": mean of the next INSTANTIATIONS (compiled modules reused),
//        "handleTaskUs": mean handle-task round trip, host-llm answering at once,
//        "heapPerAgentMB" / "rssPerAgentMB": growth per live instance while RETAINED stay alive}
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';
import * as shim from '@bytecodealliance/preview2-shim';
import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';
import { _clearPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { _denyDnsLookup, _denyTcp, _denyUdp } from '@bytecodealliance/preview2-shim/sockets';
import { _denyHttp } from '@bytecodealliance/preview2-shim/http';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = resolve(HERE, '../../../target/bench-host');
const [file, instantiations = '10', calls = '500', retained = '10'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench-wasi-agent.mjs FILE.wasm [INSTANTIATIONS] [CALLS] [RETAINED]\n');
  process.exit(2);
}

const bytes = await readFile(file);
const dir = join(CACHE_DIR, 'wasi-' + createHash('sha256').update(bytes).digest('hex'));
if (!existsSync(join(dir, 'component.js'))) {
  const { files } = await transpile(bytes, { name: 'component', instantiation: 'async', noTypescript: true, quiet: true });
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
}
const mod = await import(pathToFileURL(join(dir, 'component.js')).href);
const compiled = new Map();
const getCoreModule = async (name) => {
  if (!compiled.has(name)) compiled.set(name, await WebAssembly.compile(await readFile(join(dir, name))));
  return compiled.get(name);
};

_setEnv({});
_setArgs([]);
_clearPreopens();
_denyTcp();
_denyUdp();
_denyDnsLookup();
_denyHttp();
const imports = {
  'host-llm': { default: (prompt) => `echo: ${prompt}` },
  broadcast: { default: () => {} },
  'now-ms': { default: () => BigInt(Date.now()) },
  log: { default: () => {} },
  'get-config': { default: () => ({ name: 'bench', color: '#888888', persona: 'default' }) },
};
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
for (const [pkg, ifaces] of Object.entries(shim)) {
  for (const [iface, impl] of Object.entries(ifaces)) {
    const kebab = iface.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    if (camel(kebab) === iface) imports[`wasi:${pkg}/${kebab}`] = impl;
  }
}
// console.log of the agent goes to stdout: keep our JSON line apart
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;

async function instantiate() {
  const agent = await mod.instantiate(getCoreModule, imports);
  agent.onInit();
  return agent;
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
let t0 = process.hrtime.bigint();
const first = await instantiate();
const coldMs = ms(t0);

const n = Number(instantiations);
t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) await instantiate();
const warmMs = ms(t0) / n;

const m = Number(calls);
for (let i = 0; i < m; i++) first.handleTask('bench task ' + (i % 10)); // warm-up
t0 = process.hrtime.bigint();
for (let i = 0; i < m; i++) first.handleTask('bench task ' + (i % 10));
const handleTaskUs = (ms(t0) * 1e3) / m;

const gc = globalThis.gc ?? (() => {});
gc();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
const keep = [];
const k = Number(retained);
for (let i = 0; i < k; i++) keep.push(await instantiate());
gc();
const heapPerAgentMB = (process.memoryUsage().heapUsed - heap0) / k / 1048576;
const rssPerAgentMB = (process.memoryUsage().rss - rss0) / k / 1048576;
write(JSON.stringify({ coldMs, warmMs, handleTaskUs, heapPerAgentMB, rssPerAgentMB, retained: keep.length }) + '\n');
process.exit(0);
