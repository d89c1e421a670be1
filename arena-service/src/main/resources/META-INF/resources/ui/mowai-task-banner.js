import { el } from './mowai-roster.js';

// The task the lead broadcast last, in large type for the projector.
class MowaiTaskBanner extends HTMLElement {
  connectedCallback() { if (!this.childElementCount) this.setTask(null); }

  setTask(description) {
    const box = el('div', 'task');
    box.append(el('span', 'task-label', 'Task'));
    box.append(description
      ? el('span', 'task-text', description)
      : el('span', 'task-empty', 'No task yet — the lead broadcasts one from the admin panel.'));
    this.replaceChildren(box);
  }
}

customElements.define('mowai-task-banner', MowaiTaskBanner);
