import { el, richText } from './dom.js';
import { describe } from './mowai-upload.js';

// The conformance report of the last upload: the verdict, every problem, the imports and exports found.
class MowaiReport extends HTMLElement {
  // accepted: {id, token, report, agent} (201); refused: {status, body: {error, problems[], report}}.
  showAccepted(created) {
    const nodes = [el('h2', 'panel-title', 'Conformance report'),
      el('div', 'verdict ok', '✓ Conforms to mowai:agent/agent-world — your agent runs')];
    nodes.push(...lists(created.report));
    if (created.token) {
      const secret = el('div', 'secret', 'Agent ');
      secret.append(el('code', 'agent-id', created.id), ' · token (shown once, kept in this tab): ', el('code', null, created.token));
      nodes.push(secret);
    }
    this.replaceChildren(...nodes);
    this.hidden = false;
  }

  // replaced: the agent's view after PUT /agents/{id}/wasm (its new component's info and hash).
  showReplaced(agent) {
    const what = el('div', 'secret', 'Agent ');
    const hash = el('code', 'component-hash', `${String(agent.componentSha256).slice(0, 12)}…`);
    hash.title = agent.componentSha256;
    what.append(el('code', 'agent-id', agent.id), ` now runs ${describe(agent.info)} · sha256 `, hash,
      ' · same token, persona and arena seat');
    this.replaceChildren(el('h2', 'panel-title', 'Conformance report'),
      el('div', 'verdict ok', '✓ Component replaced — conforms to mowai:agent/agent-world'), what);
    this.hidden = false;
  }

  showRefused({ status, body }) {
    const problems = body.problems?.length ? body.problems : [body.error ?? `HTTP ${status}`];
    const verdict = status === 400
      ? `✗ Not accepted: ${problems.length} problem${problems.length === 1 ? '' : 's'}`
      : `✗ Not accepted (HTTP ${status})`;
    const list = el('ul', 'problems');
    list.append(...problems.map((p) => richText('li', null, p)));
    this.replaceChildren(el('h2', 'panel-title', 'Conformance report'), el('div', 'verdict bad', verdict), list,
      ...lists(body.report));
    this.hidden = false;
  }
}

function lists(report) {
  if (!report) return [];
  const unsupported = report.unsupported ?? [];
  const block = (label, items, flag) => {
    const d = el('details');
    d.append(el('summary', null, `${label} (${items.length})`));
    const ul = el('ul');
    for (const item of items) {
      const li = el('li', 'mono', item);
      if (flag && unsupported.some((u) => item.startsWith(u))) li.className = 'mono missing';
      ul.append(li);
    }
    d.append(ul);
    return d;
  };
  const blocks = [block('imports', report.imports ?? [], true), block('exports', report.exports ?? [], false)];
  // notes do not stop the agent (e.g. parameter names other than agent-world's)
  if (report.notes?.length) blocks.push(block('notes', report.notes, false));
  return blocks;
}

customElements.define('mowai-report', MowaiReport);
