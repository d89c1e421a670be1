import { answer, el } from './dom.js';

export const PERSONAS = ['contrarian', 'synthesiser', 'first-principles', 'devils-advocate', 'pragmatist'];
const CUSTOM = '__custom';

// The upload form: component (picker or drag and drop), name, colour, persona or custom SKILL.md, join code.
// Fires 'uploaded' ({id, token, report, agent}) or 'rejected' ({status, body}).
class MowaiUpload extends HTMLElement {
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
    form.append(drop, row, labelFor('upload-persona', 'Persona'), persona, ...customOnly,
      labelFor('upload-join', 'Join code'), join, button, status);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
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

      button.disabled = true;
      show(status, 'Uploading and checking the component…', true);
      try {
        const res = await fetch('/agents', { method: 'POST', body, headers });
        const reply = await answer(res);
        if (res.status === 201) {
          sessionStorage.setItem('mowai-join-code', join.value.trim());
          show(status, `Accepted: ${reply.agent?.name ?? name.value} is ${reply.agent?.state ?? 'starting'}.`, true);
          this.dispatchEvent(new CustomEvent('uploaded', { detail: reply }));
        } else {
          show(status, refusal(res.status, reply), false);
          this.dispatchEvent(new CustomEvent('rejected', { detail: { status: res.status, body: reply } }));
        }
      } catch (err) {
        show(status, `The runner is unreachable: ${err.message}`, false);
      } finally {
        button.disabled = false;
      }
    });
    this.replaceChildren(title, form);
  }
}

function refusal(status, reply) {
  switch (status) {
    case 400: return 'Refused: see the report below.';
    case 403: return `Refused: ${reply.error} (ask the lead for the join code).`;
    case 413: return `Too large: ${reply.error}`;
    case 503: return `The runner is full: ${reply.error}`;
    default: return `Refused (HTTP ${status}): ${reply.error ?? ''}`;
  }
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
