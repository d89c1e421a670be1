import { session } from './dom.js';
import './mowai-upload.js';
import './mowai-report.js';
import './mowai-agent-status.js';
import './mowai-trial.js';
import './mowai-console.js';

const upload = document.querySelector('mowai-upload');
const report = document.querySelector('mowai-report');
const status = document.querySelector('mowai-agent-status');
const trial = document.querySelector('mowai-trial');
const consoleView = document.querySelector('mowai-console');
const placeholder = document.getElementById('placeholder');

function follow(agent) {
  placeholder.hidden = true;
  upload.follow(agent);
  status.follow(agent);
  trial.follow(agent);
  consoleView.follow(agent);
}

function forget() {
  session.clear();
  upload.forget();
  status.stop();
  consoleView.stop();
  for (const e of [status, trial, consoleView, report]) e.hidden = true;
  placeholder.hidden = false;
}

upload.addEventListener('uploaded', (e) => {
  const { id, token, report: conformance } = e.detail;
  session.set({ id, token, report: conformance });
  report.showAccepted(e.detail);
  follow({ id, token });
});

// A hot swap keeps id, token, seat and console: only the report changes.
upload.addEventListener('replaced', (e) => {
  const kept = session.get();
  session.set({ ...kept, report: null, replaced: e.detail.agent });
  report.showReplaced(e.detail.agent);
});

// A refused upload leaves the agent this tab already runs (if any) as it is.
upload.addEventListener('rejected', (e) => report.showRefused(e.detail));
status.addEventListener('gone', forget);
status.addEventListener('removed', forget);

const kept = session.get();
if (kept?.id && kept?.token) {
  if (kept.replaced) report.showReplaced(kept.replaced);
  else report.showAccepted(kept);
  follow(kept);
}
