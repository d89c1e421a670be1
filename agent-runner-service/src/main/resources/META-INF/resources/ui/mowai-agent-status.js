import { answer, el } from './dom.js';

const POLL_MS = 2000;
const COUNTERS = [
  ['tasksHandled', 'tasks'], ['peerThoughts', 'peer thoughts'], ['broadcasts', 'broadcasts'], ['llmCalls', 'llm calls'],
  ['llmErrors', 'llm errors', true], ['traps', 'traps', true], ['limitHits', 'limit hits', true], ['shedCalls', 'shed calls', true],
];

// The arena seat in words a participant reads at a glance (the API's phase names are for programs).
const SEATS = {
  none: 'no arena', disconnected: 'connecting to the arena…', awaiting_ack: 'joining the arena…',
  joined: 'in the arena', left: 'left the arena',
};

// The agent's status, polled from GET /agents/{id}. Fires 'gone' when the agent no longer exists,
// 'removed' after the participant deleted it.
class MowaiAgentStatus extends HTMLElement {
  #timer = null;
  #agent = null;

  follow(agent) {
    this.stop();
    this.#agent = agent;
    this.hidden = false;
    this.replaceChildren(el('h2', 'panel-title', 'Status'), el('div', 'who-sub', 'loading…'));
    this.#poll();
  }

  stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#agent = null;
  }

  disconnectedCallback() { this.stop(); }

  async #poll() {
    const agent = this.#agent;
    if (!agent) return;
    try {
      const res = await fetch(`/agents/${encodeURIComponent(agent.id)}`);
      if (agent !== this.#agent) return;
      if (res.status === 404) {
        this.stop();
        this.dispatchEvent(new CustomEvent('gone', { detail: agent }));
        return;
      }
      if (res.ok) this.#render(await res.json());
    } catch {
      // The runner restarts or the network blips: keep polling, the view stays as it was.
    }
    if (agent === this.#agent) this.#timer = setTimeout(() => this.#poll(), POLL_MS);
  }

  #render(a) {
    const title = el('h2', 'panel-title');
    const remove = el('button', 'ghost', 'Remove agent');
    remove.type = 'button';
    remove.addEventListener('click', () => this.#remove());
    title.append(el('span', 'grow', 'Status'), remove);

    const who = el('div', 'who');
    const dot = el('span', 'dot');
    dot.style.background = a.color;
    const names = el('div');
    names.style.flex = '1';
    names.append(el('div', 'who-name', a.name),
      el('div', 'who-sub', `${a.persona}${a.customPersona ? ' (custom SKILL.md)' : ''}${a.info?.version ? ` · v${a.info.version}` : ''}`));
    const state = el('span', `pill ${a.state}`, a.state);
    state.id = 'agent-state';
    const seat = el('span', `pill ${a.arena}`, SEATS[a.arena] ?? `arena: ${a.arena}`);
    seat.id = 'arena-seat';
    seat.title = a.arena === 'none' ? 'this runner has no arena configured: only trials' : 'arena seat';
    who.append(dot, names, state, seat);

    const counters = el('div', 'counters');
    for (const [key, label, alert] of COUNTERS) {
      const value = a.stats?.[key] ?? 0;
      const box = el('div', `counter-box${alert && value > 0 ? ' alert' : ''}`);
      box.append(el('b', null, String(value)), el('span', null, label));
      counters.append(box);
    }
    const nodes = [title, who, counters];
    if (a.pendingCalls > 0) nodes.push(el('div', 'who-sub', `${a.pendingCalls} call(s) waiting in the mailbox`));
    if (a.stats?.lastError) nodes.push(el('div', 'last-error', `last error: ${a.stats.lastError}`));
    this.replaceChildren(...nodes);
  }

  async #remove() {
    const agent = this.#agent;
    if (!agent || !confirm('Remove this agent? It leaves the arena and its data is deleted.')) return;
    const res = await fetch(`/agents/${encodeURIComponent(agent.id)}`, {
      method: 'DELETE', headers: { Authorization: `Bearer ${agent.token}` },
    });
    if (res.ok || res.status === 404) {
      this.stop();
      this.dispatchEvent(new CustomEvent('removed', { detail: agent }));
    } else {
      alert(`The runner refused: ${(await answer(res)).error}`);
    }
  }
}

customElements.define('mowai-agent-status', MowaiAgentStatus);
