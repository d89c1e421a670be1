// Spectator feed client: follows /arena, resumes with ?since= after a drop, and re-emits each
// frame as a DOM event ('snapshot', 'arena-event' or 'gap') on the returned EventTarget.
export function followArena(baseUrl = defaultUrl()) {
  const target = new EventTarget();
  let lastSeq = null;
  let delay = 500;
  let stalled = 0; // resumes in a row that brought nothing new

  const open = () => {
    const url = lastSeq === null ? baseUrl : `${baseUrl}?since=${lastSeq}`;
    const seqAtOpen = lastSeq;
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => {
      delay = 500;
      target.dispatchEvent(new CustomEvent('link', { detail: 'live' }));
    });
    ws.addEventListener('message', (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (msg.type === 'ARENA_SNAPSHOT') {
        const resumed = lastSeq !== null;
        lastSeq = msg.payload.resumeFrom - 1;
        target.dispatchEvent(new CustomEvent('snapshot', { detail: { ...msg.payload, resumed } }));
        return;
      }
      if (msg.type === 'ARENA_GAP') { // events the arena never recorded: they will not come, go on after them
        lastSeq = Math.max(lastSeq ?? 0, msg.payload.to);
        target.dispatchEvent(new CustomEvent('gap', { detail: msg.payload }));
        return;
      }
      if (typeof msg.arenaSeq === 'number') {
        if (lastSeq !== null && msg.arenaSeq <= lastSeq) return; // already shown
        lastSeq = msg.arenaSeq;
      }
      target.dispatchEvent(new CustomEvent('arena-event', { detail: msg }));
    });
    ws.addEventListener('close', (e) => {
      target.dispatchEvent(new CustomEvent('link', { detail: 'down', reason: e.reason }));
      // Never loop on one resume point: dropped as too slow (4001) twice without getting further, start
      // over from the live state.
      stalled = e.code === 4001 && lastSeq !== null && lastSeq === seqAtOpen ? stalled + 1 : 0;
      if (stalled >= 2) {
        lastSeq = null;
        stalled = 0;
      }
      setTimeout(open, stalled > 0 ? Math.max(delay, 2000) : delay);
      delay = Math.min(delay * 2, 15000);
    });
  };
  open();
  return target;
}

function defaultUrl() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/arena`;
}

// Agents choose their colour; only values the browser understands as a colour are used.
export function safeColor(color, agentId = '') {
  if (typeof color === 'string' && color.length <= 32 && CSS.supports('color', color)) return color;
  let h = 0;
  for (const ch of agentId) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 80% 65%)`;
}
