// Small helpers shared by the participant page's components.

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// A problem text with its quoted names ('x', `x`, "x") set in code, so "which import" stands out.
export function richText(tag, cls, text) {
  const e = el(tag, cls);
  for (const part of String(text).split(/('[^']*'|`[^`]*`|"[^"]*")/)) {
    if (/^(['`"]).*\1$/.test(part)) e.append(el('code', null, part));
    else if (part) e.append(part);
  }
  return e;
}

// The agent this tab uploaded: {id, token, report}; kept in sessionStorage so a reload keeps the console.
const KEY = 'mowai-agent';

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY)); } catch { return null; }
  },
  set(value) { sessionStorage.setItem(KEY, JSON.stringify(value)); },
  clear() { sessionStorage.removeItem(KEY); },
};

// A JSON answer, or {error: text} when the body is not JSON (e.g. a proxy's error page).
export async function answer(res) {
  const text = await res.text();
  try { return JSON.parse(text); } catch { return { error: text.trim() || `HTTP ${res.status}` }; }
}

export function clock(ts) {
  return new Date(ts).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
