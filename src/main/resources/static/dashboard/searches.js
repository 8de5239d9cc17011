// A network's hyperparameter searches: each one's status and its leaderboard, best first.

import { api } from './api.js';
import { h, num, replace, when } from './dom.js';
import { finished, statusBadge } from './jobs.js';
import { link } from './networks.js';

const SHOWN = 5;

export async function loadSearches(network) {
  return (await api(`api/v1/searches?network=${encodeURIComponent(network)}&size=${SHOWN}`)).items;
}

export async function cancelSearch(id) {
  return api(`api/v1/searches/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

/** The values a candidate took from the space, as "learningRate 0.05, optimizer adam". */
function values(hyperparameters) {
  return Object.entries(hyperparameters ?? {})
    .map(([name, value]) => `${name} ${typeof value === 'number' ? num(value) : JSON.stringify(value)}`)
    .join(', ');
}

function leaderboard(network, search) {
  if (!search.leaderboard.length) {
    return h('p', { class: 'empty' }, finished(search.status) ? 'No candidate succeeded.' : 'No candidate has finished yet.');
  }
  const rows = search.leaderboard.map((entry, i) =>
    h(
      'tr',
      { 'aria-selected': i === 0 && search.resultVersion !== null ? 'true' : null },
      h('td', { class: 'num' }, String(i + 1)),
      h('td', {}, values(entry.hyperparameters)),
      h('td', { class: 'num' }, num(entry.value)),
      h('td', { class: 'actions' }, h('a', { href: link({ network, job: entry.job }), class: 'button small' }, 'Open')),
    ),
  );
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'leaderboard' },
      h('thead', {}, h('tr', {}, ['#', 'Hyperparameters', search.metric, ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows),
    ),
  );
}

function summary(search) {
  const done = search.candidates.filter((c) => finished(c.status)).length;
  return [
    `${search.strategy}, ${done}/${search.candidates.length} candidates done`,
    search.resultVersion !== null ? `, made version ${search.resultVersion}` : '',
    `, started ${when(search.createdAt)}`,
  ].join('');
}

export function renderSearches(card, network, searches, onCancel) {
  const items = searches.map((search) =>
    h(
      'section',
      { class: 'search', 'aria-label': `search ${search.id}` },
      h(
        'p',
        {},
        statusBadge(search.status),
        ' ',
        summary(search),
        finished(search.status)
          ? null
          : h('button', { type: 'button', class: 'small danger', onclick: () => onCancel(search.id) }, 'Cancel'),
      ),
      leaderboard(network, search),
    ),
  );
  replace(
    card,
    h('h3', {}, 'Hyperparameter searches'),
    items.length ? items : h('p', { class: 'empty' }, 'No searches yet: POST /api/v1/networks/{name}/searches starts one.'),
  );
}
