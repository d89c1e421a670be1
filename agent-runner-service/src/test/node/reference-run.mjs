#!/usr/bin/env node
// Node reference host: runs a component under Node through `jco transpile --instantiation async`,
// with the same host behaviour as `./mowai agent run`, so the Java runtime can be compared with it.
//
//   node reference-run.mjs FILE.wasm (--task TEXT | --task-file PATH) [--name N] [--color C]
//        [--persona P] [--peer ID=TEXT]...
//     → calls on-init, get-info, on-peer-thought per --peer (in order), handle-task; prints ONE JSON
//       object {"info":{name,version,color,persona},"result","broadcasts","logs","llmPrompts"}.
//   node reference-run.mjs call FILE.wasm EXPORT [ARGS_JSON]
//     → calls one export ("iface#name", "name", "[constructor]r", "[method]r.m") of a value-test
//       component with JSON-encoded args (an array); prints {"result": v}, {"err": payload} (an
//       export returned result::err) or {"trap": message};
//   node reference-run.mjs calls FILE.wasm STEPS_JSON
//     → runs [{"call": EXPORT, "args": [...]} | {"drop": N}, …] on ONE instance (resource handles
//       returned by earlier steps are {"$resource": N}); prints the array of step outputs.
//   The JSON encoding of values: value-json.mjs and ../agents/README.md.
//   node reference-run.mjs imports FILE.wasm
//     → prints the component's import names as jco sees them (a JSON array).
//
// The transpiled output is cached by content hash under agent-runner-service/target/reference-host/.
// Errors: a message on stderr and exit status 1 (2 for bad usage).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { transpiled, wasiImports } from './jco-host.mjs';
import { decodeArgs, encodeValue } from './value-json.mjs';

// Defaults of `./mowai agent run` when an option is not given.
export const DEFAULT_CONFIG = { name: 'agent', color: '#888888', persona: 'default' };

/** Writes the one JSON line and waits until it is flushed: process.exit would cut a pipe at 64 KiB. */
function emit(value) {
  return new Promise((resolve, reject) =>
    process.stdout.write(JSON.stringify(value) + '\n', (err) => (err ? reject(err) : resolve())));
}

function fail(message, status = 1) {
  process.stderr.write(`reference-run: ${message}\n`);
  process.exit(status);
}

/** Transpiles once per component content; returns the `instantiate` function of the ESM output. */
async function loadComponent(path) {
  const { dir, mod, imports } = await transpiled(path);
  const getCoreModule = async (name) => WebAssembly.compile(await readFile(join(dir, name)));
  const instantiate = (imports) => mod.instantiate(getCoreModule, imports);
  instantiate.imports = imports;
  return instantiate;
}

/**
 * Guest writes to WASI stdout/stderr reach Node's process streams; while the guest runs they are
 * captured and become log lines (stdout → "info", stderr → "error"), one per text line.
 */
function captureStdio(logs) {
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const pending = { info: '', error: '' };
  const decoder = { info: new TextDecoder(), error: new TextDecoder() };
  const sink = (level) => (chunk, encoding, cb) => {
    const text = typeof chunk === 'string' ? chunk : decoder[level].decode(chunk, { stream: true });
    pending[level] += text;
    let nl;
    while ((nl = pending[level].indexOf('\n')) >= 0) {
      logs.push({ level, message: pending[level].slice(0, nl) });
      pending[level] = pending[level].slice(nl + 1);
    }
    if (typeof encoding === 'function') encoding();
    else if (typeof cb === 'function') cb();
    return true;
  };
  process.stdout.write = sink('info');
  process.stderr.write = sink('error');
  return () => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    for (const level of ['info', 'error']) {
      if (pending[level]) logs.push({ level, message: pending[level] });
    }
  };
}

async function runAgent(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      task: { type: 'string' },
      'task-file': { type: 'string' },
      name: { type: 'string', default: DEFAULT_CONFIG.name },
      color: { type: 'string', default: DEFAULT_CONFIG.color },
      persona: { type: 'string', default: DEFAULT_CONFIG.persona },
      peer: { type: 'string', multiple: true, default: [] },
    },
  });
  if (positionals.length !== 1) fail('expected exactly one component file', 2);
  if ((values.task === undefined) === (values['task-file'] === undefined)) {
    fail('give the task with --task TEXT or --task-file PATH', 2);
  }
  const task = values.task ?? (await readFile(values['task-file'], 'utf8'));
  const peers = values.peer.map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0) fail(`--peer expects ID=TEXT, got: ${p}`, 2);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
  const config = { name: values.name, color: values.color, persona: values.persona };

  const broadcasts = [];
  const logs = [];
  const llmPrompts = [];
  const instantiate = await loadComponent(positionals[0]);
  const imports = {
    ...wasiImports(),
    'host-llm': {
      default: (prompt) => {
        llmPrompts.push(prompt);
        return `echo: ${prompt}`;
      },
    },
    broadcast: { default: (message) => void broadcasts.push(message) },
    'now-ms': { default: () => BigInt(Date.now()) },
    log: { default: (level, message) => void logs.push({ level, message }) },
    'get-config': { default: () => ({ ...config }) },
  };

  const release = captureStdio(logs);
  let output;
  try {
    const agent = await instantiate(imports);
    agent.onInit();
    const info = agent.getInfo();
    for (const [peerId, content] of peers) agent.onPeerThought(peerId, content);
    const result = agent.handleTask(task);
    output = {
      info: { name: info.name, version: info.version, color: info.color, persona: info.persona },
      result,
      broadcasts,
      logs,
      llmPrompts,
    };
  } finally {
    release();
  }
  await emit(output);
}

/**
 * Finds an export: "iface#name" or "name" (top level, else the single instance that has it);
 * "[constructor]r", "[method]r.m" and "[static]r.m" name resource functions as in WIT.
 */
function resolveExport(instance, spec) {
  const hash = spec.lastIndexOf('#');
  const scopes = hash >= 0 ? [instance[spec.slice(0, hash)]] : [instance, ...Object.values(instance)];
  const name = hash >= 0 ? spec.slice(hash + 1) : spec;
  const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
  const m = /^\[(constructor|method|static)\]([\w-]+)(?:\.([\w-]+))?$/.exec(name);
  for (const scope of scopes) {
    if (!scope || typeof scope !== 'object') continue;
    if (!m && typeof scope[camel(name)] === 'function') return (args) => scope[camel(name)](...args);
    const cls = m && scope[pascal(m[2])];
    if (typeof cls !== 'function') continue;
    if (m[1] === 'constructor') return (args) => new cls(...args);
    if (m[1] === 'static') return (args) => cls[camel(m[3])](...args);
    return ([self, ...args]) => self[camel(m[3])](...args);
  }
  throw new Error(`no exported function ${spec}`);
}

/** One step of a value-test script: {"call": EXPORT, "args": [...]} or {"drop": N}. */
function runStep(instance, step, resources) {
  try {
    if ('drop' in step) {
      const handle = resources[step.drop];
      if (!handle) throw new Error(`unknown resource handle ${step.drop}`);
      handle[Symbol.dispose]();
      return { result: null };
    }
    const fn = resolveExport(instance, step.call);
    return { result: encodeValue(fn(decodeArgs(step.args ?? [], resources)), resources) };
  } catch (e) {
    // jco throws a ComponentError carrying the payload when an export returns result::err
    if (e && typeof e === 'object' && 'payload' in e) return { err: encodeValue(e.payload, resources) };
    return { trap: String(e?.message ?? e) };
  }
}

async function runCall(argv, script) {
  const [file, exportName, argsJson = '[]'] = argv;
  if (!file || !exportName) {
    fail(script ? 'usage: reference-run.mjs calls FILE.wasm STEPS_JSON'
                : 'usage: reference-run.mjs call FILE.wasm EXPORT [ARGS_JSON]', 2);
  }
  const instantiate = await loadComponent(file);
  const instance = await instantiate(wasiImports());
  const resources = [];
  const output = script
    ? JSON.parse(exportName).map((step) => runStep(instance, step, resources))
    : runStep(instance, { call: exportName, args: JSON.parse(argsJson) }, resources);
  await emit(output);
}

const [first, ...rest] = process.argv.slice(2);
try {
  if (first === 'imports') {
    if (rest.length !== 1) fail('usage: reference-run.mjs imports FILE.wasm', 2);
    await emit((await loadComponent(rest[0])).imports);
  } else if (first === 'call' || first === 'calls') await runCall(rest, first === 'calls');
  else await runAgent(process.argv.slice(2));
} catch (e) {
  fail(e?.stack ?? String(e));
}
// preview2-shim keeps a worker thread alive; the work is done
process.exit(0);
