// The list of networks, a network's definition and its versions.

import { api } from './api.js';
import { h, num, replace, when } from './dom.js';

export async function loadNetworks() {
  return (await api('api/v1/networks?size=500')).items;
}

export async function loadVersions(name) {
  const page = await api(`api/v1/networks/${encodeURIComponent(name)}/versions?size=500`);
  return page.items.slice().sort((a, b) => b.version - a.version);
}

export function link(params) {
  return '#' + new URLSearchParams(params).toString();
}

export function renderNetworkList(list, networks, selected) {
  if (!networks.length) {
    replace(list, h('li', { class: 'empty' }, 'No networks yet: define one with POST /api/v1/networks.'));
    return;
  }
  replace(
    list,
    networks.map((n) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: link({ network: n.name }),
            'aria-current': n.name === selected ? 'page' : null,
            dataset: { network: n.name },
          },
          h('span', { class: 'name' }, n.name),
          h('span', { class: 'meta' }, n.latestVersion ? `v${n.latestVersion}` : 'untrained'),
        ),
      ),
    ),
  );
}

function entry(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

/** The inputs: their names, folded away when there are many. */
function inputs(n) {
  if (!n.features) return String(n.inputs);
  if (n.features.length <= 8) return `${n.inputs}: ${n.features.join(', ')}`;
  return h('details', {}, h('summary', {}, `${n.inputs} features`), n.features.join(', '));
}

export function renderDefinition(card, n) {
  const layers = h(
    'ol',
    { class: 'layers' },
    n.layers.map((l) => h('li', {}, `${l.units} ${l.activation}`)),
  );
  replace(
    card,
    h('h3', {}, 'Definition'),
    h(
      'dl',
      { class: 'facts' },
      entry('Inputs', inputs(n)),
      entry('Layers', layers),
      entry('Loss', n.loss),
      entry('Initializer', n.initializer),
      entry('Seed', String(n.seed)),
      n.labels ? entry('Labels', n.labels.join(', ')) : null,
      entry('Parameters', n.parameterCount.toLocaleString()),
      entry('Created', when(n.createdAt)),
    ),
  );
}

export function renderVersions(card, network, versions, selected, onSelect) {
  const rows = versions.map((v) => {
    const m = v.metrics || {};
    return h(
      'tr',
      { 'aria-selected': v.version === selected ? 'true' : null },
      h('th', { scope: 'row', title: `created ${when(v.createdAt)}` }, `v${v.version}`),
      h('td', { class: 'num' }, m.epochs ?? '—'),
      h('td', { class: 'num' }, num(m.loss)),
      h('td', { class: 'num' }, num(m.validationLoss)),
      h('td', { class: 'num' }, num(m.accuracy)),
      h('td', { class: 'num' }, num(m.validationAccuracy)),
      h(
        'td',
        {},
        v.trainingJob
          ? h(
              'a',
              { href: link({ network, job: v.trainingJob }), title: `training job ${v.trainingJob}` },
              v.trainingJob.slice(0, 8),
            )
          : 'imported',
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            disabled: v.version === selected,
            onclick: () => onSelect(v.version),
            'aria-label': `Draw version ${v.version}`,
          },
          v.version === selected ? 'Drawn' : 'Draw',
        ),
      ),
    );
  });
  replace(
    card,
    h('h3', {}, 'Versions'),
    versions.length
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Version', 'Epochs', 'Loss', 'Val. loss', 'Acc.', 'Val. acc.', 'Job', ''].map(
                  (t) => h('th', { scope: 'col' }, t),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'empty' }, 'No versions yet: train the network below.'),
  );
}
