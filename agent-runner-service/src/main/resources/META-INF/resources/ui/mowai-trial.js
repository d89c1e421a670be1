import { answer, el } from './dom.js';

const LIMIT = 512;

// A private trial task: POST /agents/{id}/trial; the thoughts and the answer come back here only.
class MowaiTrial extends HTMLElement {
  #agent = null;

  connectedCallback() {
    const title = el('h2', 'panel-title', 'Trial task');
    const label = el('label', null, 'Only your agent sees it; nothing reaches the arena.');
    const task = document.createElement('textarea');
    task.id = label.htmlFor = 'trial-task';
    task.maxLength = LIMIT;
    task.placeholder = 'e.g. Should our city ban cars from the centre?';
    const button = el('button', 'primary', 'Run trial');
    button.type = 'button';
    const result = el('div', 'trial-result');
    result.setAttribute('role', 'status');

    task.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) button.click(); });
    button.addEventListener('click', async () => {
      const agent = this.#agent;
      const text = task.value.trim();
      if (!agent) return;
      if (!text) { result.replaceChildren(el('div', 'status bad', 'Write a task first.')); return; }
      button.disabled = true;
      result.replaceChildren(el('div', 'status', 'Running… (watch the console below)'));
      try {
        const res = await fetch(`/agents/${encodeURIComponent(agent.id)}/trial`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${agent.token}` },
          body: JSON.stringify({ task: text }),
        });
        const body = await answer(res);
        result.replaceChildren(...(res.ok ? outcome(body) : [el('div', 'status bad',
          res.status === 401 ? 'The runner refused this tab\'s token (the agent was replaced or removed).'
            : (body.problems?.length ? body.problems.join('; ') : body.error))]));
      } catch (err) {
        result.replaceChildren(el('div', 'status bad', `The runner is unreachable: ${err.message}`));
      } finally {
        button.disabled = false;
      }
    });
    this.replaceChildren(title, label, task, button, result);
  }

  follow(agent) {
    this.#agent = agent;
    this.hidden = false;
  }
}

// {thoughts[], response, durationMs, llmCalls, error}
function outcome(r) {
  const nodes = [];
  if (r.thoughts?.length) {
    const ol = el('ol', 'thoughts');
    ol.append(...r.thoughts.map((t) => el('li', null, t)));
    nodes.push(el('div', 'who-sub', 'thoughts'), ol);
  }
  if (r.error) nodes.push(el('div', 'status bad trial-error', r.error));
  if (r.response !== null && r.response !== undefined) nodes.push(el('div', 'answer', r.response));
  nodes.push(el('div', 'meta', `${r.durationMs} ms · ${r.llmCalls} llm call${r.llmCalls === 1 ? '' : 's'}`));
  return nodes;
}

customElements.define('mowai-trial', MowaiTrial);
