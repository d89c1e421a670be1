// Assembles a component written in WAT (the text format, with component-model syntax) into a
// binary component with jco's bundled wasm-tools (`jco parse`), failing on any error.
//
// usage: node wat-to-component.mjs IN.wat OUT.wasm
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from '@bytecodealliance/jco';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: wat-to-component.mjs IN.wat OUT.wasm');
  process.exit(2);
}
await writeFile(output, await parse(await readFile(input, 'utf8')));
