import { clock, el } from './dom.js';

const MAX_LINES = 1000;

// The agent's live console: GET /agents/{id}/logs?token=… as Server-Sent Events of {ts, level, source, text};
// source is agent (its own log), runner, task, llm (prompts and replies), thought or answer.
class MowaiConsole extends HTMLElement {
  #source = null;
  #lines = null;
  #link = null;

  connectedCallback() {
    this.#link = el('span', 'pill', 'connecting…');
    this.#link.id = 'console-link';
    const clear = el('button', 'ghost', 'Clear');
    clear.type = 'button';
    clear.addEventListener('click', () => this.#lines.replaceChildren());
    const title = el('h2', 'panel-title');
    title.append(el('span', 'grow', 'Console'), this.#link, clear);
    this.#lines = el('div', 'console');
    this.#lines.setAttribute('role', 'log');
    this.replaceChildren(title, this.#lines);
  }

  follow(agent) {
    this.stop();
    this.hidden = false;
    this.#lines.replaceChildren(el('div', 'console-empty', 'Waiting for the first line…'));
    const url = `/agents/${encodeURIComponent(agent.id)}/logs?token=${encodeURIComponent(agent.token)}`;
    const source = new EventSource(url);
    this.#source = source;
    // Every (re)connection replays the recent lines first: start afresh so none shows twice.
    source.addEventListener('open', () => {
      this.#lines.replaceChildren();
      this.#state('live', 'live');
    });
    source.addEventListener('message', (e) => {
      try { this.#add(JSON.parse(e.data)); } catch { /* not a console line */ }
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) this.#state('gone', 'closed');
      else this.#state('starting', 'reconnecting…');
    });
  }

  stop() {
    this.#source?.close();
    this.#source = null;
  }

  disconnectedCallback() { this.stop(); }

  #state(cls, text) {
    this.#link.className = `pill ${cls}`;
    this.#link.textContent = text;
  }

  #add(line) {
    const box = this.#lines;
    box.querySelector('.console-empty')?.remove();
    const stick = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const level = String(line.level ?? 'info').toLowerCase();
    const row = el('div', `line ${level} src-${line.source}`);
    row.append(el('span', 't', clock(line.ts)), el('span', 'lvl', level), el('span', 'src', line.source), el('span', 'txt', line.text));
    box.append(row);
    while (box.childElementCount > MAX_LINES) box.firstElementChild.remove();
    if (stick) box.scrollTop = box.scrollHeight;
  }
}

customElements.define('mowai-console', MowaiConsole);
