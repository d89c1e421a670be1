// JavaScript test agent (componentize-js). Built twice from this file (../build-test-agents.sh):
// with `--disable stdio random clocks http fetch-event` (a component that imports only the world)
// and with the default features (≈12 MB, imports 65 WASI functions). Behaviour: ../README.md.
import hostLlm from 'host-llm';
import broadcast from 'broadcast';
import nowMs from 'now-ms';
import log from 'log';
import getConfig from 'get-config';

const VERSION = 'js 1.0.0';

/** The first `chars` code points of `s` (not UTF-16 units: "🌍" is one). */
function head(s, chars) {
  return Array.from(s).slice(0, chars).join('');
}

function promptFor(task, config) {
  if (task.startsWith('@big ')) {
    const count = parseInt(/^\d*/.exec(task.slice(5))[0] || '0', 10);
    if (count > 2 ** 21) throw new Error('@big: at most 2097152 units');
    return 'é🌍ab'.repeat(count);
  }
  return `As ${config.persona}, answer: ${task}`;
}

export function onInit() {
  log('info', `init ${getConfig().name}`);
  // WASI stdout in the default-feature build; dropped when componentize-js disables stdio
  console.log(`${VERSION} ready`);
}

export function getInfo() {
  const { name, color, persona } = getConfig();
  return { name, version: VERSION, color, persona };
}

export function onPeerThought(peerId, content) {
  const config = getConfig();
  log('debug', `thought from ${peerId}`);
  broadcast(`${config.name} hears ${peerId}: ${content}`);
}

export function handleTask(task) {
  const config = getConfig();
  const t0 = nowMs();
  log('info', `task: ${head(task, 40)}`);
  broadcast(`${config.name} is thinking about: ${head(task, 40)}`);
  const reply = hostLlm(promptFor(task, config));
  const t1 = nowMs();
  broadcast(typeof t0 === 'bigint' && t0 > 1600000000000n && t1 >= t0 ? 'clock ok' : 'clock bad');
  return `${config.name} says: ${reply}`;
}
