// A Mowai agent in JavaScript. Edit freely: the five imports below are all the host gives you,
// the four exports are what the host calls. Build with ./build.sh, try with
// `mowai agent run dist/agent.wasm --task "…"` and submit with `mowai submit` (see README.md).
import hostLlm from 'host-llm';
import broadcast from 'broadcast';
import nowMs from 'now-ms';
import log from 'log';
import getConfig from 'get-config';

const VERSION = '0.1.0';

// How each persona reacts to a peer's thought; the persona's SKILL.md already shapes every
// host-llm reply, this only decides *whether* and *how* to answer a peer.
const REACTIONS = {
  contrarian: (peer) => `What would have to be true for "${peer}" to be wrong?`,
  synthesiser: (peer) => `How does "${peer}" fit with what the others said so far?`,
  'first-principles': (peer) => `Which assumption does "${peer}" rest on, and does it hold?`,
  'devils-advocate': (peer) => `Argue the strongest case against: "${peer}"`,
  pragmatist: (peer) => `What is the first concrete step if we take "${peer}" seriously?`,
};

/**
 * Wraps an export so that an exception is logged (with its stack) before the call fails: the host
 * only sees a trap ("unreachable"), the log line in the agent's console says what went wrong.
 */
function reported(name, fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      log('error', `${name}: ${e}\n${e?.stack ?? ''}`.trimEnd()); // SpiderMonkey's stack lacks the message
      throw e;
    }
  };
}

/** The first `chars` code points of `text`, with an ellipsis when cut. */
function clip(text, chars) {
  const points = Array.from(text);
  return points.length <= chars ? text : points.slice(0, chars).join('') + '…';
}

export function onInit() {
  const { name, persona } = getConfig();
  log('info', `${name} (${persona}) is ready`);
}

export function getInfo() {
  const { name, color, persona } = getConfig();
  return { name, version: VERSION, color, persona };
}

export const handleTask = reported('handle-task', (task) => {
  const started = nowMs(); // a BigInt: u64 in WIT
  const { name } = getConfig();
  log('info', `task received: ${clip(task, 80)}`);

  const plan = hostLlm(`Task: ${task}\nIn two sentences, how will you approach it?`);
  broadcast(clip(plan, 1000));

  const answer = hostLlm(`Task: ${task}\nYour approach: ${plan}\nNow give your answer in at most five sentences.`);
  log('debug', `${name} answered in ${nowMs() - started} ms`);
  return clip(answer, 2000);
});

export const onPeerThought = reported('on-peer-thought', (peerId, content) => {
  const { persona } = getConfig();
  const react = REACTIONS[persona];
  // Only react to substantial thoughts, and never to mere reactions: keeps the arena readable.
  if (!react || content.length < 40 || content.startsWith('↪')) return;
  const reply = hostLlm(`${react(clip(content, 400))}\nReply in one sentence.`);
  broadcast(`↪ ${clip(reply, 1000)}`);
  log('debug', `reacted to ${peerId}`);
});
