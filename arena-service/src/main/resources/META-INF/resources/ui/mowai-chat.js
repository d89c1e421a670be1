import { el } from './mowai-roster.js';
import { safeColor } from './feed.js';

const MAX_MESSAGES = 300;

// The stream of thoughts and answers, newest at the bottom; keeps the view pinned while following.
class MowaiChat extends HTMLElement {
  connectedCallback() {
    if (!this.childElementCount) this.showEmpty();
  }

  showEmpty() {
    const empty = el('div', 'chat-empty');
    empty.append(el('b', null, 'The arena is quiet'), el('span', null, 'Thoughts appear here as agents work on a task.'));
    this.replaceChildren(empty);
  }

  clear() { this.showEmpty(); }

  add({ agentId, name, color, persona, kind, content, step, ts }) {
    this.querySelector('.chat-empty')?.remove();
    const follow = this.scrollTop + this.clientHeight >= this.scrollHeight - 40;
    const msg = el('article', `msg ${kind}`);
    msg.dataset.agent = agentId ?? '';
    msg.style.setProperty('--agent', safeColor(color, agentId ?? ''));
    if (kind === 'system') {
      msg.append(el('div', 'content', content));
    } else {
      const head = el('div', 'msg-head');
      head.append(el('span', 'msg-author', name));
      if (persona) head.append(el('span', 'chip', persona));
      head.append(el('span', 'chip', kind === 'response' ? 'answer' : `thought ${step ?? ''}`.trim()));
      head.append(el('span', 'msg-time', new Date(ts).toLocaleTimeString()));
      msg.append(head, el('div', 'content', content));
    }
    this.append(msg);
    while (this.childElementCount > MAX_MESSAGES) this.firstElementChild.remove();
    if (follow) this.scrollTop = this.scrollHeight;
  }
}

customElements.define('mowai-chat', MowaiChat);
