import { el } from './mowai-roster.js';

// The debate session panel: a round tracker, the answers grouped by round and agent ("changed position"
// marks), the synthesis and the verdict. Follows the newest session, or the one named by ?session=ID.
class MowaiSession extends HTMLElement {
  #fixed = new URLSearchParams(location.search).get('session');
  #id = null;
  #asked = 0; // the newest request: an older answer that arrives after it is stale
  #poll = null;

  connectedCallback() { this.hidden = true; this.refresh(); }

  /** Shows a session now (the admin panel calls this right after starting one). */
  follow(id) { this.#id = id; this.refresh(); }

  async refresh() {
    const ticket = ++this.#asked;
    try {
      let id = this.#fixed ?? this.#id;
      if (!id) {
        const all = await (await fetch('/sessions')).json();
        id = all.at(-1)?.sessionId;
      }
      if (!id) return;
      const res = await fetch(`/sessions/${encodeURIComponent(id)}`);
      const s = res.ok ? await res.json() : null;
      if (s && ticket === this.#asked) this.render(s);
    } catch { /* the next event or tick retries */ }
  }

  render(s) {
    this.hidden = false;
    // A round's timeout or the last answer changes the session without a task event: poll while it runs.
    clearTimeout(this.#poll);
    if (s.state === 'RUNNING' || s.state === 'SYNTHESISING') this.#poll = setTimeout(() => this.refresh(), 2000);
    const title = el('h2', 'panel-title', `Debate · ${s.state.toLowerCase()}`);
    const tracker = el('div', 'rounds');
    for (let n = 1; n <= s.spec.rounds; n++) {
      const r = s.rounds[n - 1];
      tracker.append(el('span', `round-dot ${!r ? 'todo' : r.closedAt == null ? 'open' : 'done'}`, String(n)));
    }
    const current = s.rounds.at(-1);
    tracker.append(el('span', 'round-label', `Round ${current.number} of ${s.spec.rounds}`));
    const parts = [title, tracker];
    for (const r of s.rounds) {
      const box = el('details', 'round');
      box.open = r.number >= current.number - 1; // the current round and the one it debates
      box.append(el('summary', null, `Round ${r.number}${r.closedBy ? ` — ${r.closedBy}` : ''}`));
      for (const a of r.answers) {
        const line = el('div', 'answer');
        line.append(el('b', null, a.name));
        if (a.changed) line.append(el('span', 'chip changed', 'changed position'));
        if (a.late) line.append(el('span', 'chip', 'late'));
        line.append(el('div', 'answer-text', a.text));
        box.append(line);
      }
      if (r.silent.length) box.append(el('div', 'silent', `Silent: ${r.silent.map((id) => nameOf(r, id)).join(', ')}`));
      parts.push(box);
    }
    // The moderator (agentId "arena") is the gateway, asked by the arena when no synthesiser agent writes it.
    const moderating = s.state === 'SYNTHESISING' && s.synthesiser && s.synthesiser.agentId === 'arena';
    if (s.synthesis || s.synthesisNote || moderating) {
      const syn = el('div', 'synthesis');
      const text = s.synthesis ? `${s.synthesis.name}: ${s.synthesis.text}`
        : moderating ? 'the moderator is writing the conclusion…' : s.synthesisNote;
      syn.append(el('h3', null, 'Synthesis'), el('div', 'answer-text', text));
      parts.push(syn);
    }
    if (s.verdict) parts.push(verdict(s.verdict, s.id));
    this.replaceChildren(...parts);
  }
}

function verdict(v, id) {
  const box = el('div', 'verdict');
  box.append(el('h3', null, 'Verdict'));
  box.append(el('div', 'majority', v.majority ? `Majority (${v.support} of ${v.answered}): ${v.majority}` : `No majority among ${v.answered}`));
  for (const d of v.dissenters) box.append(el('div', 'dissent', `${d.name} dissents (${d.position}): ${d.reason}`));
  box.append(el('div', 'changed-mind', `Changed their mind: ${v.changedMind.length ? v.changedMind.join(', ') : 'nobody'}`));
  const link = el('a', 'download', 'Transcript (Markdown)');
  link.href = `/sessions/${encodeURIComponent(id)}/transcript.md`;
  box.append(link);
  return box;
}

function nameOf(round, agentId) {
  return round.present.find((p) => p.agentId === agentId)?.name ?? agentId.slice(0, 8);
}

customElements.define('mowai-session', MowaiSession);
