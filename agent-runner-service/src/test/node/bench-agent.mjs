#!/usr/bin/env node
// Node + jco baseline for `./mowai bench agent`: the same measurements as the Java AgentBench, on
// the same component, with the same world host (host-llm answers "echo: " + prompt at once).
//
//   node bench-agent.mjs FILE.wasm INSTANTIATIONS CALLS
//     → prints {"instantiateMs": mean ms per instantiation (core modules compiled once, cached),
//               "handleTaskUs": mean µs per handle-task round trip}
//
// The transpiled output is cached by content hash under agent-runner-service/target/bench-host/.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = resolve(HERE, '../../../target/bench-host');

const [file, instantiations = '20', calls = '2000'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench-agent.mjs FILE.wasm [INSTANTIATIONS] [CALLS]\n');
  process.exit(2);
}

const bytes = await readFile(file);
const dir = join(CACHE_DIR, createHash('sha256').update(bytes).digest('hex'));
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

let broadcasts = 0;
const imports = {
  'host-llm': { default: (prompt) => `echo: ${prompt}` },
  broadcast: { default: () => void broadcasts++ },
  'now-ms': { default: () => BigInt(Date.now()) },
  log: { default: () => {} },
  'get-config': { default: () => ({ name: 'bench', color: '#888888', persona: 'default' }) },
};

async function timeInstantiations(n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const agent = await mod.instantiate(getCoreModule, imports);
    agent.onInit();
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

function timeCalls(agent, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) agent.handleTask('bench task ' + (i % 10));
  return Number(process.hrtime.bigint() - start) / 1e3 / n;
}

const n = Number(instantiations);
const m = Number(calls);
await timeInstantiations(Math.max(1, Math.floor(n / 2))); // warm-up
const instantiateMs = await timeInstantiations(n);
const agent = await mod.instantiate(getCoreModule, imports);
agent.onInit();
timeCalls(agent, m); // warm-up
const handleTaskUs = timeCalls(agent, m);
process.stdout.write(JSON.stringify({ instantiateMs, handleTaskUs }) + '\n');
process.exit(0);
