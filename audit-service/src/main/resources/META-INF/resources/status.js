// The audit's status page: plain JS over the audit API, no build step and nothing from the network
// but this service. Everything a view shows (filters, sort, selected secret and rotation) lives in the
// URL query, so a link reproduces the view and a reload keeps it.
//
// The API asks for a bearer token. It arrives once in the URL fragment (/#token=…: browsers never send a fragment to
// a server, so no access log holds it) or is pasted into the sign-in form, and is kept in this tab's sessionStorage
// only (gone when the tab closes). It is never written into the page, the console or the query: a link someone copies
// carries the view, not the token.
'use strict';

const REFRESH_MS = 5000;
const DAY = 86400;
const STEP_OUTCOME = {
  RotationRequested: 'unknown', RollbackRequested: 'unknown',
  SecretUpdated: 'success', VerificationSucceeded: 'success', RotationCompleted: 'success', RotationRolledBack: 'success',
  VerificationFailed: 'failure', RollbackFailed: 'failure', RotationFailed: 'failure'
};
const STEP_DETAILS = [
  ['reason', 'reason'], ['initiator', 'by'], ['category', 'category'], ['detail', 'detail'], ['cause', 'cause'],
  ['probe', 'probe'], ['durationMs', 'ms'], ['attempts', 'attempts'],
  ['previousStoreVersion', 'previous version'], ['newStoreVersion', 'new version'], ['deadline', 'deadline']
];
const SORTS = {
  secretId: s => s.secretId,
  class: s => s.secretClass,
  owner: s => s.owner,
  staleness: s => s.secondsSinceLastSuccess,
  due: s => s.dueAt,
  outcome: s => s.lastOutcome
};
const DEFAULT_DIRECTION = { staleness: 'desc' };

const TOKEN_KEY = 'rotor.token';
const WHY_SIGN_IN = {
  none: 'No token yet: sign in to see the status.',
  401: 'The audit refused the token: it has expired or is not from this Rotor\'s issuer. Sign in with a new one.',
  403: 'Your token\'s roles do not allow this: reading the status needs one of Rotor\'s roles (viewer is enough).',
  signedOut: 'Signed out.'
};
const NO_DATA = { secrets: [], incomplete: [], rotations: null, rotation: null };

let data = NO_DATA;

// --- token ------------------------------------------------------------------------------------------

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A JWT has no whitespace; a pasted one often brings a line break, which fetch would refuse as a header value. */
function keepToken(value) {
  const cleaned = (value || '').replace(/\s+/g, '');
  if (cleaned) sessionStorage.setItem(TOKEN_KEY, cleaned);
}

function takeTokenFromFragment() {
  const given = new URLSearchParams(location.hash.slice(1)).get('token');
  if (given === null) return;
  keepToken(given);
  // Out of the address bar and the history entry (a bookmark, a copied link); the view in the query stays.
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** The audit said 401 or 403: the sign-in form says which, in WHY_SIGN_IN's words. */
class Refused extends Error {
  constructor(status) {
    super('refused with ' + status);
    this.status = status;
  }
}

// --- URL state ---------------------------------------------------------------------------------

function state() {
  const p = new URLSearchParams(location.search);
  const sort = SORTS[p.get('sort')] ? p.get('sort') : 'secretId';
  return {
    q: p.get('q') || '', cls: p.get('class') || '', owner: p.get('owner') || '',
    overdue: p.get('overdue') === '1' || p.get('overdue') === 'true',
    sort, dir: p.get('dir') === 'desc' || p.get('dir') === 'asc' ? p.get('dir') : (DEFAULT_DIRECTION[sort] || 'asc'),
    secret: p.get('secret') || '', rotation: p.get('rotation') || ''
  };
}

function urlWith(changes) {
  const p = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === '' || value === null || value === false || value === undefined) p.delete(key); else p.set(key, value);
  }
  const query = p.toString();
  return location.pathname + (query ? '?' + query : '');
}

function navigate(changes, reload) {
  history.pushState(null, '', urlWith(changes));
  if (reload) load(); else render();
}

// --- formatting ---------------------------------------------------------------------------------

function human(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / DAY), h = Math.floor(s % DAY / 3600), m = Math.floor(s % 3600 / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${s} s`;
}

function time(iso, withSeconds) {
  return iso ? iso.replace('T', ' ').slice(0, withSeconds ? 19 : 16) + ' UTC' : '—';
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function navLink(text, changes) {
  const link = el('a', { href: urlWith(changes) }, text);
  link.addEventListener('click', event => { event.preventDefault(); navigate(changes, true); });
  return link;
}

function badge(kind, text) {
  return el('span', { class: 'badge ' + kind }, text);
}

function dueBadge(secret, nowMs) {
  if (secret.breached) return badge('breach', 'breach');
  if (secret.overdue) return badge('overdue', 'overdue');
  if (secret.exempt) return badge('exempt', 'exempt');
  if (!secret.dueAt) return badge('unknown', 'no max age');
  return Date.parse(secret.dueAt) - nowMs < DAY * 1000 ? badge('due', 'due soon') : badge('ok', 'ok');
}

// --- loading --------------------------------------------------------------------------------------

async function getJson(path, bearer) {
  const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + bearer } });
  if (response.status === 401 || response.status === 403) throw new Refused(response.status);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body && body.message ? body.message : ''}`);
  return body;
}

async function load() {
  const bearer = token();
  if (!bearer) {
    signOut(WHY_SIGN_IN.none);
    return;
  }
  showStatus();
  const s = state();
  try {
    const [secrets, incomplete, rotations, rotation] = await Promise.all([
      getJson('api/secrets', bearer),
      getJson('api/rotations?incomplete=true', bearer),
      s.secret ? getJson('api/rotations?secretId=' + encodeURIComponent(s.secret), bearer) : null,
      s.rotation ? getJson('api/rotations/' + encodeURIComponent(s.rotation), bearer).catch(() => null) : null
    ]);
    // Signed out (or in with another token) while this was on its way: the answer is not for the page as it is now.
    if (token() !== bearer) return;
    data = { secrets, incomplete, rotations, rotation };
    document.getElementById('error').hidden = true;
    document.getElementById('refreshed').textContent = 'refreshed ' + time(new Date().toISOString(), true) + ' · every ' + REFRESH_MS / 1000 + ' s';
    render();
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (token() !== bearer) return;
    if (error instanceof Refused) {
      signOut(WHY_SIGN_IN[error.status]);
      return;
    }
    const banner = document.getElementById('error');
    banner.textContent = 'Could not load the audit\'s answers (' + error.message + '). Retrying every ' + REFRESH_MS / 1000 + ' s.';
    banner.hidden = false;
    document.body.dataset.state = 'error';
  }
}

// --- signing in and out ---------------------------------------------------------------------------

function showStatus() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('status').hidden = false;
  document.getElementById('sign-out').hidden = false;
}

/** Forgets the token and everything it could read, and asks for one, saying why. */
function signOut(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  data = NO_DATA;
  render();
  document.getElementById('status').hidden = true;
  document.getElementById('error').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('summary').textContent = 'Signed out';
  document.getElementById('refreshed').textContent = '';
  const form = document.getElementById('sign-in');
  form.querySelector('.reason').textContent = reason;
  form.hidden = false;
  document.body.dataset.state = 'signed-out';
}

// --- rendering ----------------------------------------------------------------------------------

function render() {
  const s = state();
  renderFilters(s);
  renderSummary();
  renderIncomplete();
  renderSecrets(s);
  renderRotations(s);
  renderTimeline(s);
}

function renderFilters(s) {
  const form = document.getElementById('filters');
  if (document.activeElement !== form.q) form.q.value = s.q;
  fillOptions(form.elements['class'], data.secrets.map(x => x.secretClass), s.cls);
  fillOptions(form.owner, data.secrets.map(x => x.owner), s.owner);
  form.overdue.checked = s.overdue;
}

function fillOptions(select, values, selected) {
  const wanted = [...new Set(values.filter(Boolean).concat(selected ? [selected] : []))].sort();
  select.replaceChildren(el('option', { value: '' }, 'all'), ...wanted.map(v => el('option', { value: v }, v)));
  select.value = selected;
}

function renderSummary() {
  const overdue = data.secrets.filter(x => x.overdue).length;
  const breached = data.secrets.filter(x => x.breached).length;
  document.getElementById('summary').textContent =
    `${data.secrets.length} secrets · ${overdue} overdue · ${breached} in breach · ${data.incomplete.length} incomplete rotations`;
}

function renderIncomplete() {
  const section = document.getElementById('incomplete');
  section.hidden = data.incomplete.length === 0;
  section.querySelector('tbody').replaceChildren(...data.incomplete.flatMap(rotation =>
    rotation.findings.filter(f => !f.resolved).map(finding => el('tr', { class: 'incomplete', 'data-rotation-id': rotation.rotationId },
      el('td', null, navLink(rotation.rotationId, { secret: rotation.secretId, rotation: rotation.rotationId })),
      el('td', null, rotation.secretId),
      el('td', { class: 'kind' }, finding.kind),
      el('td', { class: 'detail' }, finding.detail),
      el('td', null, time(finding.deadline)),
      el('td', null, finding.lastEventType ? `${finding.lastEventType} at ${time(finding.lastEventAt, true)}` : '—')))));
}

function visibleSecrets(s) {
  const q = s.q.toLowerCase();
  const key = SORTS[s.sort];
  const sign = s.dir === 'desc' ? -1 : 1;
  return data.secrets
    .filter(x => !q || [x.secretId, x.secretClass, x.owner].some(v => v && v.toLowerCase().includes(q)))
    .filter(x => !s.cls || x.secretClass === s.cls)
    .filter(x => !s.owner || x.owner === s.owner)
    .filter(x => !s.overdue || x.overdue)
    .sort((a, b) => {
      const va = key(a), vb = key(b);
      if (va === vb) return a.secretId < b.secretId ? -1 : 1;
      if (va === null || va === undefined) return 1;  // unknown values last, whichever the direction
      if (vb === null || vb === undefined) return -1;
      return (va < vb ? -1 : 1) * sign;
    });
}

function renderSecrets(s) {
  const table = document.getElementById('secrets');
  for (const th of table.querySelectorAll('th[data-sort]')) {
    th.setAttribute('aria-sort', th.dataset.sort === s.sort ? (s.dir === 'desc' ? 'descending' : 'ascending') : 'none');
  }
  const now = Date.now();
  const rows = visibleSecrets(s).map(x => el('tr', { 'data-secret-id': x.secretId, class: x.secretId === s.secret ? 'selected' : null },
    el('td', { class: 'secret' }, navLink(x.secretId, { secret: x.secretId, rotation: '' })),
    el('td', { class: 'class' }, x.secretClass || '—'),
    el('td', { class: 'owner' }, x.owner || '—'),
    el('td', { class: 'staleness', title: x.staleSince ? 'since ' + time(x.staleSince, true) : null }, human(x.secondsSinceLastSuccess)),
    el('td', { class: 'due' }, x.dueAt ? time(x.dueAt) : '—', dueBadge(x, now)),
    el('td', { class: 'outcome outcome-' + x.lastOutcome }, x.lastOutcome === 'UNKNOWN' ? 'never rotated' : x.lastOutcome),
    el('td', { class: 'in-flight' }, x.inFlightRotationId
      ? navLink(x.inFlightRotationId, { secret: x.secretId, rotation: x.inFlightRotationId }) : '—')));
  table.querySelector('tbody').replaceChildren(...rows);
  document.getElementById('no-secrets').hidden = rows.length > 0;
}

function renderRotations(s) {
  const section = document.getElementById('rotations');
  section.hidden = !s.secret || !data.rotations;
  if (section.hidden) return;
  section.querySelector('.secret-id').textContent = s.secret;
  section.querySelector('tbody').replaceChildren(...data.rotations.map(r => el('tr',
    { 'data-rotation-id': r.rotationId, class: [r.incomplete ? 'incomplete' : '', r.rotationId === s.rotation ? 'selected' : ''].join(' ').trim() || null },
    el('td', null, navLink(r.rotationId, { rotation: r.rotationId }), r.incomplete ? badge('breach', 'incomplete') : null),
    el('td', null, time(r.startedAt, true)),
    el('td', { class: 'state outcome-' + r.state }, r.state),
    el('td', { class: 'steps' }, r.events.map(e => e.type).join(' → ')))));
}

function renderTimeline(s) {
  const section = document.getElementById('timeline');
  const r = data.rotation;
  section.hidden = !s.rotation;
  if (section.hidden) return;
  section.querySelector('.rotation-id').textContent = s.rotation;
  if (!r) {
    section.querySelector('.rotation-summary').textContent = 'The audit has no event of this rotation (yet).';
    section.querySelector('.steps').replaceChildren();
    section.querySelector('.rotation-findings').replaceChildren();
    return;
  }
  section.classList.toggle('incomplete', r.incomplete);
  section.querySelector('.rotation-summary').replaceChildren('Secret ', navLink(r.secretId, { secret: r.secretId }),
    ' · state ', el('strong', { class: 'state outcome-' + r.state }, r.state), r.terminal ? ' · ended with ' + r.terminal : ' · no terminal event yet');
  section.querySelector('.steps').replaceChildren(...r.events.map(e => el('li', { class: STEP_OUTCOME[e.type] || 'unknown', 'data-type': e.type },
    el('span', { class: 'step-type' }, e.type), ' ',
    el('span', { class: 'step-time' }, time(e.occurredAt, true)), ' ',
    el('span', { class: 'step-outcome' }, STEP_OUTCOME[e.type] || 'unknown'), ' ',
    el('span', { class: 'step-details' }, STEP_DETAILS.filter(([field]) => e[field] !== undefined && e[field] !== null)
      .map(([field, label]) => `${label}: ${field === 'deadline' ? time(e[field], true) : e[field]}`).join(' · ')))));
  section.querySelector('.rotation-findings').replaceChildren(...r.findings.map(f => el('p',
    { class: 'finding' + (f.resolved ? ' resolved' : ''), 'data-kind': f.kind }, (f.resolved ? 'Resolved: ' : 'Incomplete: ') + f.kind + ' — ' + f.detail)));
}

// --- wiring ---------------------------------------------------------------------------------------

function wire() {
  const signIn = document.getElementById('sign-in');
  signIn.addEventListener('submit', event => {
    event.preventDefault();
    keepToken(signIn.token.value);
    signIn.token.value = '';
    load();
  });
  document.getElementById('sign-out').addEventListener('click', () => signOut(WHY_SIGN_IN.signedOut));
  const form = document.getElementById('filters');
  form.addEventListener('submit', event => event.preventDefault());
  form.q.addEventListener('input', () => { history.replaceState(null, '', urlWith({ q: form.q.value })); render(); });
  form.elements['class'].addEventListener('change', () => navigate({ class: form.elements['class'].value }, false));
  form.owner.addEventListener('change', () => navigate({ owner: form.owner.value }, false));
  form.overdue.addEventListener('change', () => navigate({ overdue: form.overdue.checked ? '1' : '' }, false));
  document.getElementById('reset').addEventListener('click', event => { event.preventDefault(); history.pushState(null, '', location.pathname); load(); });
  for (const th of document.querySelectorAll('#secrets th[data-sort]')) {
    th.addEventListener('click', () => {
      const s = state();
      const key = th.dataset.sort;
      const dir = key === s.sort ? (s.dir === 'asc' ? 'desc' : 'asc') : (DEFAULT_DIRECTION[key] || 'asc');
      navigate({ sort: key, dir }, false);
    });
  }
  window.addEventListener('popstate', load);
}

takeTokenFromFragment();
wire();
load();
// Signed out, there is nothing to refresh: the sign-in form keeps its reason until someone signs in.
setInterval(() => { if (token()) load(); }, REFRESH_MS);
