import { followArena } from './feed.js';
import './mowai-roster.js';
import './mowai-chat.js';
import './mowai-task-banner.js';
import './mowai-admin.js';
import './mowai-session.js';

const roster = document.querySelector('mowai-roster');
const chat = document.querySelector('mowai-chat');
const banner = document.querySelector('mowai-task-banner');
const session = document.querySelector('mowai-session');
const link = document.getElementById('link');
const agentCount = document.getElementById('agent-count');
const thoughtCount = document.getElementById('thought-count');
let thoughts = 0;

if (new URLSearchParams(location.search).has('admin')) {
  document.querySelector('mowai-admin').hidden = false;
}

const feed = followArena();

feed.addEventListener('link', (e) => {
  link.className = `link ${e.detail}`;
  link.textContent = e.detail === 'live' ? 'live' : 'reconnecting…';
});

feed.addEventListener('snapshot', (e) => {
  const s = e.detail;
  roster.reset(s.agents);
  if (!s.resumed) { // (a resumed snapshot: the missed events follow as a replay)
    const lastTask = s.tasks.at(-1);
    banner.setTask(lastTask ? lastTask.payload.description : null);
    for (const t of s.thoughts) show(t);
  }
  counts(); // after the snapshot's thoughts are shown, so the header counts them
});

feed.addEventListener('gap', (e) => {
  chat.add({ kind: 'system', content: `Some events are missing here: ${e.detail.reason}`, ts: Date.now() });
});

feed.addEventListener('arena-event', (e) => {
  const m = e.detail;
  switch (m.type) {
    case 'AGENT_CONNECT':
      roster.upsert({ agentId: m.agentId, slot: m.slot, ...m.payload });
      chat.add({ kind: 'system', content: `${m.payload.name} joined the arena`, agentId: m.agentId, ts: m.ts });
      break;
    case 'AGENT_DISCONNECT':
      roster.remove(m.agentId);
      chat.add({ kind: 'system', content: `${m.payload.name} left (${m.payload.reason})`, agentId: m.agentId, ts: m.ts });
      break;
    case 'GLOBAL_TASK':
      banner.setTask(m.payload.description);
      session.refresh();
      chat.add({ kind: 'system', content: `New task: ${m.payload.description}`, ts: m.ts });
      break;
    case 'AGENT_THOUGHT':
    case 'AGENT_RESPONSE':
      if (m.type === 'AGENT_RESPONSE') session.refresh(); // it may close a round
      show(m);
      roster.pulse(m.agentId);
      break;
  }
  counts();
});

function show(m) {
  const a = roster.agent(m.agentId) ?? { name: m.agentId.slice(0, 8), color: null, persona: '' };
  chat.add({
    agentId: m.agentId, name: a.name, color: a.color, persona: a.persona,
    kind: m.type === 'AGENT_RESPONSE' ? 'response' : 'thought',
    content: m.payload.content, step: m.payload.step, ts: m.ts,
  });
  if (m.type === 'AGENT_THOUGHT') thoughts++;
}

function counts() {
  agentCount.textContent = roster.size;
  thoughtCount.textContent = thoughts;
}
