#!/usr/bin/env node
// Node + jco baseline for `./mowai bench agent` and `./mowai bench wasi-agent` (AgentBench.java):
// the same measurements on the same component, with the same world host (host-llm answers
// "echo: " + prompt at once) and, with --wasi, WASI through preview2-shim sandboxed like our host.
//
//   node --expose-gc bench-agent.mjs FILE.wasm INSTANTIATIONS CALLS RETAINED UPLOADS [--wasi]
//     → one JSON line:
//       "uploadFirstMs": the first upload in this process: compile + instantiate + on-init,
//       "uploadMs": mean of the next UPLOADS-1 uploads, each with new bytes (a unique custom section
//                   appended to every core module, so V8 cannot reuse an earlier compilation),
//       "firstTaskMs": mean first handle-task right after an upload,
//       "warmMs": mean instantiation + on-init with the compiled modules reused,
//       "handleTaskUs": mean handle-task round trip once warm,
//       "heapPerAgentMB" / "rssPerAgentMB": growth per live instance while RETAINED stay alive,
//       "echoPeer1024Ms" … "echoTask1048576Ms": one echo of 1 KiB … 1 MiB once warm (see
//                   AgentBench: peer = on-peer-thought → broadcast, llm = handle-task "@big N"
//                   → host-llm → result, task = handle-task with a task of that size).
//   The jco transpile (cached by content hash) is not timed: it stands for our parse and check.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transpiled, wasiImports } from './jco-host.mjs';

const args = process.argv.slice(2);
const wasi = args.includes('--wasi');
const [file, instantiations = '20', calls = '2000', retained = '5', uploads = '3'] = args.filter((a) => a !== '--wasi');
if (!file) {
  process.stderr.write('usage: bench-agent.mjs FILE.wasm [INSTANTIATIONS] [CALLS] [RETAINED] [UPLOADS] [--wasi]\n');
  process.exit(2);
}

const { dir, mod } = await transpiled(file);
const imports = {
  ...(wasi ? wasiImports() : {}),
  'host-llm': { default: (prompt) => `echo: ${prompt}` },
  broadcast: { default: () => {} },
  'now-ms': { default: () => BigInt(Date.now()) },
  log: { default: () => {} },
  'get-config': { default: () => ({ name: 'bench', color: '#888888', persona: 'default' }) },
};
// console.log of a WASI agent goes to stdout: keep our JSON line apart
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;

/** A core module with a custom section "mowai-bench" carrying `n` appended: new bytes, same code. */
function fresh(bytes, n) {
  const name = new TextEncoder().encode('mowai-bench');
  const body = [name.length, ...name, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  return Buffer.concat([bytes, Buffer.from([0, body.length, ...body])]);
}

const compiled = new Map();
const cachedModule = async (name) => {
  if (!compiled.has(name)) compiled.set(name, await WebAssembly.compile(await readFile(join(dir, name))));
  return compiled.get(name);
};

async function instantiate(getCoreModule = cachedModule) {
  const agent = await mod.instantiate(getCoreModule, imports);
  agent.onInit();
  return agent;
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();

const uploadTimes = [];
const firstTasks = [];
for (let u = 0; u < Math.max(1, Number(uploads)); u++) {
  const t0 = now();
  const agent = await instantiate(async (name) => WebAssembly.compile(fresh(await readFile(join(dir, name)), u)));
  uploadTimes.push(ms(t0));
  const t1 = now();
  agent.handleTask('bench task');
  firstTasks.push(ms(t1));
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const n = Number(instantiations);
for (let i = 0; i < Math.max(1, Math.floor(n / 2)); i++) await instantiate(); // warm-up
let t0 = now();
for (let i = 0; i < n; i++) await instantiate();
const warmMs = ms(t0) / n;

const m = Number(calls);
const agent = await instantiate();
for (let i = 0; i < m; i++) agent.handleTask('bench task ' + (i % 10)); // warm-up
t0 = now();
for (let i = 0; i < m; i++) agent.handleTask('bench task ' + (i % 10));
const handleTaskUs = (ms(t0) * 1e3) / m;

const ECHO_BYTES = [1 << 10, 10 << 10, 100 << 10, 1 << 20];
const echo = (path, bytes) => {
  if (path === 'peer') return agent.onPeerThought('peer', 'x'.repeat(bytes));
  const result = agent.handleTask(path === 'llm' ? `@big ${bytes / 8}` : 'x'.repeat(bytes));
  if (Buffer.byteLength(result) < bytes) throw new Error(`the echo lost bytes: ${result.length} chars for ${bytes} bytes`);
};
const echoes = {};
for (const path of ['peer', 'llm', 'task']) {
  for (let i = 0; i < 3; i++) echo(path, ECHO_BYTES[0]); // the same warm-up as ours
  for (const bytes of ECHO_BYTES) {
    const t = now();
    echo(path, bytes);
    echoes[`echo${path[0].toUpperCase()}${path.slice(1)}${bytes}Ms`] = ms(t);
  }
}

const gc = globalThis.gc ?? (() => {});
gc();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
const keep = [];
const k = Math.max(1, Number(retained));
for (let i = 0; i < k; i++) keep.push(await instantiate());
gc();
const heapPerAgentMB = (process.memoryUsage().heapUsed - heap0) / k / 1048576;
const rssPerAgentMB = (process.memoryUsage().rss - rss0) / k / 1048576;
write(JSON.stringify({
  uploadFirstMs: uploadTimes[0],
  uploadMs: uploadTimes.length > 1 ? mean(uploadTimes.slice(1)) : uploadTimes[0],
  firstTaskMs: mean(firstTasks),
  warmMs,
  handleTaskUs,
  heapPerAgentMB,
  rssPerAgentMB,
  retained: keep.length,
  ...echoes,
}) + '\n');
process.exit(0);
