import { answer, el } from './dom.js';

export const PERSONAS = ['contrarian', 'synthesiser', 'first-principles', 'devils-advocate', 'pragmatist'];
const CUSTOM = '__custom';

// The upload form: component (picker or drag and drop), name, colour, persona or custom SKILL.md, join code.
// While the tab follows an agent, the form replaces that agent's component (PUT /agents/{id}/wasm, which
// keeps id, token, persona and seat) unless the participant asks for a new agent.
// Fires 'uploaded' ({id, token, report, agent}), 'replaced' ({agent}) or 'rejected' ({status, body}).
class MowaiUpload extends HTMLElement {
  #agent = null;
  #asNew = false;
  #render = () => {};

  follow(agent) {
    this.#agent = agent;
    this.#asNew = false;
    this.#render();
  }

  forget() {
    this.#agent = null;
    this.#render();
  }

  get #replacing() { return !!this.#agent && !this.#asNew; }

  connectedCallback() {
    const title = el('h2', 'panel-title', 'Upload your agent');

    const drop = el('div', 'drop');
    const dropText = el('div');
    const wasm = input('file', 'upload-wasm', 'wasm');
    wasm.accept = '.wasm,application/wasm';
    wasm.setAttribute('aria-label', 'Component file (.wasm)');
    const showFile = () => {
      const f = wasm.files[0];
      drop.classList.toggle('has-file', !!f);
      dropText.replaceChildren(
        el('b', null, f ? f.name : 'Drop agent.wasm here'),
        f ? `${(f.size / 1024).toFixed(f.size < 10240 ? 1 : 0)} KiB — drop or click to change` : 'or click to choose the component file');
    };
    showFile();
    wasm.addEventListener('change', showFile);
    drop.append(dropText, wasm);
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files.length) {
        wasm.files = e.dataTransfer.files;
        showFile();
      }
    });

    const name = input('text', 'upload-name', 'name');
    name.maxLength = 64;
    name.placeholder = 'e.g. Ada';
    name.required = true;
    const color = input('color', 'upload-color', 'color');
    color.value = randomColour();

    const persona = document.createElement('select');
    persona.id = 'upload-persona';
    persona.name = 'persona';
    for (const p of PERSONAS) persona.append(new Option(p, p));
    persona.append(new Option('custom SKILL.md…', CUSTOM));
    const skillLabel = labelFor('upload-skill', 'Your SKILL.md');
    const skill = input('file', 'upload-skill', 'skill');
    skill.accept = '.md,text/markdown,text/plain';
    skill.className = 'skill-file';
    const customOnly = [skillLabel, skill];
    const showSkill = () => customOnly.forEach((e) => { e.hidden = persona.value !== CUSTOM; });
    persona.addEventListener('change', showSkill);
    showSkill();

    const join = input('text', 'upload-join', 'join');
    join.autocomplete = 'off';
    join.placeholder = 'only if the lead gave you one';
    join.value = new URLSearchParams(location.search).get('join') ?? sessionStorage.getItem('mowai-join-code') ?? '';

    const button = el('button', 'primary', 'Upload and check');
    button.type = 'submit';
    const other = el('button', 'ghost switch');
    other.type = 'button';
    other.id = 'upload-switch';
    other.addEventListener('click', () => { this.#asNew = !this.#asNew; this.#render(); status.textContent = ''; });
    const status = el('div', 'status');
    status.setAttribute('role', 'status');

    const form = el('form');
    form.noValidate = true;
    const nameBox = el('div');
    nameBox.append(labelFor('upload-name', 'Name'), name);
    const colourBox = el('div');
    colourBox.style.flex = 'none';
    colourBox.append(labelFor('upload-color', 'Colour'), color);
    const row = el('div', 'row');
    row.append(nameBox, colourBox);
    const newOnly = el('div');
    newOnly.append(row, labelFor('upload-persona', 'Persona'), persona, ...customOnly, labelFor('upload-join', 'Join code'), join);
    form.append(drop, newOnly, button, other, status);

    this.#render = () => {
      const replacing = this.#replacing;
      title.textContent = replacing ? 'Replace your component' : 'Upload your agent';
      newOnly.hidden = replacing;
      button.textContent = replacing ? 'Replace component' : 'Upload and check';
      other.hidden = !this.#agent;
      other.textContent = replacing ? 'Upload as a new agent instead' : 'Back to replacing your agent\'s component';
    };

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const agent = this.#agent;
      if (this.#replacing) {
        if (!wasm.files[0]) { show(status, 'First choose your new component (.wasm).', false); return; }
        const body = new FormData();
        body.append('wasm', wasm.files[0]);
        // Hot swap: a refused component leaves the running one as it was.
        await this.#send(button, status, `/agents/${encodeURIComponent(agent.id)}/wasm`,
          { method: 'PUT', body, headers: { Authorization: `Bearer ${agent.token}` } }, (reply) => {
            show(status, `Replaced: ${reply.name} now runs ${describe(reply.info)}.`, true);
            this.dispatchEvent(new CustomEvent('replaced', { detail: { agent: reply } }));
          });
        return;
      }
      const missing = [];
      if (!wasm.files[0]) missing.push('choose your component (.wasm)');
      if (!name.value.trim()) missing.push('give your agent a name');
      if (persona.value === CUSTOM && !skill.files[0]) missing.push('choose your SKILL.md');
      if (missing.length) { show(status, `First ${missing.join(', ')}.`, false); return; }

      const body = new FormData();
      body.append('wasm', wasm.files[0]);
      body.append('name', name.value.trim());
      body.append('color', color.value);
      if (persona.value === CUSTOM) body.append('skill', skill.files[0]);
      else body.append('persona', persona.value);
      const headers = join.value.trim() ? { 'X-Join-Code': join.value.trim() } : {};
      await this.#send(button, status, '/agents', { method: 'POST', body, headers }, (reply) => {
        sessionStorage.setItem('mowai-join-code', join.value.trim());
        show(status, `Accepted: ${reply.agent?.name ?? name.value} is ${reply.agent?.state ?? 'starting'}.`, true);
        this.dispatchEvent(new CustomEvent('uploaded', { detail: reply }));
      });
    });
    this.replaceChildren(title, form);
    this.#render();
  }

  // One upload or hot swap: accepted() gets the JSON reply of a 2xx; a refusal is shown and fired as 'rejected'.
  async #send(button, status, url, request, accepted) {
    button.disabled = true;
    show(status, 'Uploading and checking the component…', true);
    try {
      const res = await fetch(url, request);
      const reply = await answer(res);
      if (res.ok) {
        accepted(reply);
      } else {
        show(status, refusal(res, reply), false);
        this.dispatchEvent(new CustomEvent('rejected', { detail: { status: res.status, body: reply } }));
      }
    } catch (err) {
      show(status, `The runner is unreachable: ${err.message}`, false);
    } finally {
      button.disabled = false;
    }
  }
}

export function describe(info) {
  return info?.name ? `${info.name}${info.version ? ` v${info.version}` : ''}` : 'the new component';
}

function refusal(res, reply) {
  const later = retryIn(res.headers.get('Retry-After'));
  switch (res.status) {
    case 400: return 'Refused: see the report below.';
    case 401: return 'The runner refused this tab\'s token (the agent was removed): upload it as a new agent.';
    case 403: return `Refused: ${reply.error} (ask the lead for the join code).`;
    case 404: return 'This agent no longer exists: upload it as a new agent.';
    case 413: return `Too large: ${reply.error}`;
    case 429: return `Slow down: ${reply.error}.${later}`;
    case 503: return `The runner is full or busy: ${reply.error}.${later}`;
    default: return `Refused (HTTP ${res.status}): ${reply.error ?? ''}`;
  }
}

// Retry-After (seconds or an HTTP date) in words: " Try again in 2 minutes."
export function retryIn(header) {
  if (!header) return '';
  let seconds = /^\d+$/.test(header.trim()) ? Number(header) : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  seconds = Math.max(1, seconds);
  const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ` Try again in ${seconds < 90 ? plural(seconds, 'second') : plural(Math.ceil(seconds / 60), 'minute')}.`;
}

function input(type, id, name) {
  const i = document.createElement('input');
  i.type = type;
  i.id = id;
  i.name = name;
  return i;
}

function labelFor(id, text) {
  const l = el('label', null, text);
  l.htmlFor = id;
  return l;
}

function show(status, text, ok) {
  status.textContent = text;
  status.className = `status ${ok ? 'ok' : 'bad'}`;
}

// A bright colour that reads well on the dark arena.
function randomColour() {
  const h = Math.random() * 360, s = 0.75, l = 0.62;
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

customElements.define('mowai-upload', MowaiUpload);
