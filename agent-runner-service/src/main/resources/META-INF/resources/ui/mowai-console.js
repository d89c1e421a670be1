import { clock, el } from './dom.js';

const MAX_LINES = 1000;

// The agent's live console: GET /agents/{id}/logs?ticket=… as Server-Sent Events of {ts, level, source, text};
// source is agent (its own log), runner, task, llm (prompts and replies), thought or answer.
class MowaiConsole extends HTMLElement {
  #source = null;
  #agent = null;
  #timer = null;
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
    this.#agent = agent;
    this.#lines.replaceChildren(el('div', 'console-empty', 'Waiting for the first line…'));
    this.#open(agent, 0);
  }

  // An EventSource cannot send the token as a header, and a URL is kept by proxies and access logs: the
  // token buys a single-use console ticket (POST, token in the header) and only the ticket goes in the URL.
  // A dropped connection needs a fresh ticket, so the page reconnects itself instead of letting EventSource retry.
  async #open(agent, attempt) {
    let ticket;
    try {
      const res = await fetch(`/agents/${encodeURIComponent(agent.id)}/console-ticket`,
        { method: 'POST', headers: { Authorization: `Bearer ${agent.token}` } });
      if (this.#agent !== agent) return;
      if (res.status === 401 || res.status === 404) { this.#state('gone', 'closed'); return; }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      ticket = (await res.json()).ticket;
    } catch {
      if (this.#agent === agent) this.#retry(agent, attempt);
      return;
    }
    if (this.#agent !== agent) return;
    const source = new EventSource(`/agents/${encodeURIComponent(agent.id)}/logs?ticket=${encodeURIComponent(ticket)}`);
    this.#source = source;
    // Every (re)connection replays the recent lines first: start afresh so none shows twice.
    source.addEventListener('open', () => {
      attempt = 0;
      this.#lines.replaceChildren();
      this.#state('live', 'live');
    });
    source.addEventListener('message', (e) => {
      try { this.#add(JSON.parse(e.data)); } catch { /* not a console line */ }
    });
    source.addEventListener('error', () => {
      source.close();
      if (this.#source === source) this.#retry(agent, attempt);
    });
  }

  #retry(agent, attempt) {
    this.#state('starting', 'reconnecting…');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => { if (this.#agent === agent) this.#open(agent, attempt + 1); },
      Math.min(30000, 1000 * 2 ** Math.min(attempt, 5)));
  }

  stop() {
    this.#agent = null;
    clearTimeout(this.#timer);
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
