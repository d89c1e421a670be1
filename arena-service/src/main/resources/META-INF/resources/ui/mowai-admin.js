import { el } from './mowai-roster.js';

const LIMIT = 512;

// Lead panel (?admin=1): holds the admin secret for this tab only and broadcasts tasks via POST /task.
class MowaiAdmin extends HTMLElement {
  connectedCallback() {
    const title = el('h2', 'panel-title', 'Broadcast a task');
    const secretLabel = el('label', null, 'Admin secret');
    const secret = document.createElement('input');
    secret.type = 'password';
    secret.name = 'secret';
    secret.autocomplete = 'off';
    secret.value = sessionStorage.getItem('mowai-admin-secret') ?? '';
    secretLabel.htmlFor = secret.id = 'admin-secret';

    const taskLabel = el('label', null, 'Task');
    const counter = el('span', 'counter', `0/${LIMIT}`);
    taskLabel.append(counter);
    const task = document.createElement('textarea');
    task.name = 'description';
    task.maxLength = LIMIT;
    task.placeholder = 'e.g. Should our city ban cars from the centre?';
    taskLabel.htmlFor = task.id = 'admin-task';

    const button = el('button', null, 'Broadcast to the arena');
    button.type = 'button';
    const status = el('div', 'status');
    status.setAttribute('role', 'status');

    task.addEventListener('input', () => { counter.textContent = `${task.value.length}/${LIMIT}`; });
    task.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) button.click(); });
    button.addEventListener('click', async () => {
      const description = task.value.trim();
      if (!description) { show(status, 'Write a task first.', false); return; }
      button.disabled = true;
      try {
        const res = await fetch('/task', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Admin-Secret': secret.value },
          body: JSON.stringify({ description }),
        });
        const body = await res.json().catch(() => ({}));
        if (res.ok) {
          sessionStorage.setItem('mowai-admin-secret', secret.value);
          task.value = '';
          counter.textContent = `0/${LIMIT}`;
          show(status, `Sent to ${body.agents} agent${body.agents === 1 ? '' : 's'}.`, true);
        } else {
          show(status, body.error ?? `Refused (HTTP ${res.status})`, false);
        }
      } catch (err) {
        show(status, `Arena unreachable: ${err.message}`, false);
      } finally {
        button.disabled = false;
      }
    });
    this.replaceChildren(title, secretLabel, secret, taskLabel, task, button, status, ...debateControls(secret, task, status));
  }
}

// A debate session from the same task: POST /sessions, then next round / stop for the session it started.
function debateControls(secret, task, status) {
  const title = el('h2', 'panel-title debate-title', 'Or run it as a debate');
  const roundsLabel = el('label', null, 'Rounds (1–5)');
  const rounds = document.createElement('input');
  rounds.type = 'number';
  rounds.min = '1';
  rounds.max = '5';
  rounds.value = '3';
  roundsLabel.htmlFor = rounds.id = 'admin-rounds';
  const synthLabel = el('label', null, 'Synthesiser (agent name or persona, optional)');
  const synth = document.createElement('input');
  synthLabel.htmlFor = synth.id = 'admin-synthesiser';
  const start = button('admin-session-start', 'Start a debate');
  const next = button('admin-session-next', 'Close this round');
  const stop = button('admin-session-stop', 'Stop the debate');
  let sessionId = null;
  const call = async (path, body, done) => {
    try {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Admin-Secret': secret.value },
        body: body ? JSON.stringify(body) : '',
      });
      const answer = await res.json().catch(() => ({}));
      if (res.ok) done(answer); else show(status, answer.error ?? `Refused (HTTP ${res.status})`, false);
    } catch (err) {
      show(status, `Arena unreachable: ${err.message}`, false);
    }
  };
  start.addEventListener('click', () => call('/sessions', {
    task: task.value.trim(), rounds: Number(rounds.value), reactions: false,
    ...(synth.value.trim() ? { synthesiser: synth.value.trim() } : {}),
  }, (s) => {
    sessionId = s.sessionId;
    sessionStorage.setItem('mowai-admin-secret', secret.value);
    show(status, `Debate started (round ${s.round}).`, true);
    document.querySelector('mowai-session')?.follow(sessionId);
  }));
  next.addEventListener('click', () => (!sessionId ? show(status, 'Start a debate first.', false) : call(`/sessions/${sessionId}/next`, null, (s) => {
    show(status, `Now: round ${s.round}, ${s.state.toLowerCase()}.`, true);
    document.querySelector('mowai-session')?.refresh();
  })));
  stop.addEventListener('click', () => (!sessionId ? show(status, 'Start a debate first.', false) : call(`/sessions/${sessionId}/stop`, null, () => {
    show(status, 'Debate stopped.', true);
    document.querySelector('mowai-session')?.refresh();
  })));
  return [title, roundsLabel, rounds, synthLabel, synth, start, next, stop];
}

function button(id, text) {
  const b = el('button', null, text);
  b.type = 'button';
  b.id = id;
  return b;
}

function show(status, text, ok) {
  status.textContent = text;
  status.className = `status ${ok ? 'ok' : 'bad'}`;
}

customElements.define('mowai-admin', MowaiAdmin);
