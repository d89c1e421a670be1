import { safeColor } from './feed.js';

// Connected agents with their colours; a dot pulses when its agent speaks.
class MowaiRoster extends HTMLElement {
  #agents = new Map();

  connectedCallback() { this.render(); }

  get size() { return this.#agents.size; }

  agent(agentId) { return this.#agents.get(agentId); }

  reset(list) {
    this.#agents = new Map(list.map((a) => [a.agentId, a]));
    this.render();
  }

  upsert(a) { this.#agents.set(a.agentId, a); this.render(); }

  remove(agentId) { this.#agents.delete(agentId); this.render(); }

  pulse(agentId) {
    const dot = this.querySelector(`[data-agent="${CSS.escape(agentId)}"] .dot`);
    if (!dot) return;
    dot.classList.remove('pulse');
    void dot.offsetWidth; // restart the animation
    dot.classList.add('pulse');
  }

  render() {
    const title = el('h2', 'panel-title', 'Agents');
    const rows = [...this.#agents.values()].sort((a, b) => a.slot - b.slot).map((a) => {
      const row = el('div', 'agent');
      row.dataset.agent = a.agentId;
      const dot = el('span', 'dot');
      dot.style.background = safeColor(a.color, a.agentId);
      dot.style.color = dot.style.background;
      const text = el('div');
      text.append(el('div', 'agent-name', a.name), el('div', 'agent-persona', a.persona || 'no persona'));
      row.append(dot, text);
      return row;
    });
    this.replaceChildren(title, ...(rows.length ? rows : [el('div', 'roster-empty', 'Waiting for agents to join…')]));
  }
}

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

customElements.define('mowai-roster', MowaiRoster);
