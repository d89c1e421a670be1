// What the Node reference host (reference-run.mjs) and the benchmark baseline (bench-agent.mjs) share:
// jco transpile cached by content hash, and WASI through preview2-shim sandboxed like the Java host.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';
import * as shim from '@bytecodealliance/preview2-shim';
import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';
import { _clearPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { _denyDnsLookup, _denyTcp, _denyUdp } from '@bytecodealliance/preview2-shim/sockets';
import { _denyHttp } from '@bytecodealliance/preview2-shim/http';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = resolve(HERE, '../../../target/reference-host');

/**
 * Transpiles once per component content (under agent-runner-service/target/reference-host/).
 * Returns {dir, mod, imports}: the folder of the output (core modules as files), the imported ESM
 * module (its `instantiate(getCoreModule, imports)`), and the import names as jco sees them.
 */
export async function transpiled(path) {
  const bytes = await readFile(path);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const dir = join(CACHE_DIR, hash);
  const entry = join(dir, 'component.js');
  if (!existsSync(entry)) {
    const { files, imports } = await transpile(bytes, {
      name: 'component',
      instantiation: 'async',
      noTypescript: true,
      quiet: true,
    });
    // write to a private folder, then rename: concurrent runs never see half a cache entry
    const tmp = `${dir}.tmp-${process.pid}`;
    files['imports.json'] = new TextEncoder().encode(JSON.stringify(imports));
    for (const [name, data] of Object.entries(files)) {
      await mkdir(dirname(join(tmp, name)), { recursive: true });
      await writeFile(join(tmp, name), data);
    }
    await mkdir(CACHE_DIR, { recursive: true });
    try {
      await rename(tmp, dir);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      if (!existsSync(entry)) throw e;
    }
  }
  const mod = await import(pathToFileURL(entry).href);
  const imports = JSON.parse(await readFile(join(dir, 'imports.json'), 'utf8'));
  return { dir, mod, imports };
}

/** WASI through preview2-shim, sandboxed like the Java host: no env, args, preopens or network. */
export function wasiImports() {
  _setEnv({});
  _setArgs([]);
  _clearPreopens();
  _denyTcp();
  _denyUdp();
  _denyDnsLookup();
  _denyHttp();
  const imports = {};
  const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  for (const [pkg, ifaces] of Object.entries(shim)) {
    for (const [iface, impl] of Object.entries(ifaces)) {
      const kebab = iface.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      if (camel(kebab) === iface) imports[`wasi:${pkg}/${kebab}`] = impl;
    }
  }
  return imports;
}