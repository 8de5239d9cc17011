// A network's training jobs: the list (status, progress, cancel) and the form that submits one.

import { api, ApiError } from './api.js';
import { h, num, replace, when } from './dom.js';
import { link } from './networks.js';

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function finished(status) {
  return FINISHED.has(status);
}

export async function loadJobs(network) {
  return (await api(`api/v1/training-jobs?network=${encodeURIComponent(network)}&size=20`)).items;
}

export async function cancelJob(id) {
  return api(`api/v1/training-jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status.toLowerCase()}` }, status);
}

export function renderJobs(card, network, jobs, openJob, onCancel) {
  const rows = jobs.map((j) =>
    h(
      'tr',
      { 'aria-selected': j.id === openJob ? 'true' : null },
      h('td', {}, statusBadge(j.status)),
      h(
        'td',
        {},
        h('progress', { max: 1, value: j.progress, 'aria-label': `progress of job ${j.id}` }),
        h('span', { class: 'progress-text' }, ` ${j.epoch}/${j.epochs}`),
      ),
      h('td', { class: 'num' }, num(j.metrics?.loss)),
      h('td', {}, when(j.createdAt)),
      h(
        'td',
        { class: 'actions' },
        h('a', { href: link({ network, job: j.id }), class: 'button small' }, 'Open'),
        finished(j.status)
          ? null
          : h(
              'button',
              { type: 'button', class: 'small danger', onclick: () => onCancel(j.id) },
              'Cancel',
            ),
      ),
    ),
  );
  replace(
    card,
    h('h3', {}, 'Training jobs'),
    jobs.length
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { id: 'jobs-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Status', 'Progress', 'Loss', 'Created', ''].map((t) =>
                  h('th', { scope: 'col' }, t),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'empty' }, 'No jobs yet.'),
  );
}

function field(id, label, input, hint) {
  input.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('small', { id: `${id}-hint` }, hint) : null,
  );
}

function numberInput(name, value, attrs = {}) {
  return h('input', { type: 'number', name, value: String(value), ...attrs });
}

/** The form, filled with the API's defaults; calls onSubmitted(job) once a job is queued. */
export function renderTrainForm(card, { network, inputs, datasets, versions, onSubmitted }) {
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const dataset = h(
    'select',
    { name: 'dataset', required: true },
    datasets.length
      ? fitting(datasets, inputs).map((d) => h('option', { value: d.name }, `${d.name} (${d.rows} rows)`))
      : h('option', { value: '' }, 'no data sets: upload one with POST /api/v1/datasets'),
  );
  const optimizer = h(
    'select',
    { name: 'optimizer' },
    ['adam', 'sgd', 'momentum'].map((o) => h('option', { value: o }, o)),
  );
  const fromVersion = h(
    'select',
    { name: 'fromVersion' },
    h('option', { value: '' }, 'fresh weights'),
    versions.length ? h('option', { value: 'latest' }, 'latest version') : null,
    versions.map((v) => h('option', { value: String(v.version) }, `version ${v.version}`)),
  );
  const form = h(
    'form',
    { id: 'train-form', class: 'grid-form', novalidate: true },
    field('train-dataset', 'Data set', dataset),
    field('train-epochs', 'Epochs', numberInput('epochs', 100, { min: 1, step: 1 })),
    field('train-batch-size', 'Batch size', numberInput('batchSize', 32, { min: 1, step: 1 })),
    field('train-learning-rate', 'Learning rate', numberInput('learningRate', 0.01, { min: 0, step: 'any' })),
    field('train-optimizer', 'Optimizer', optimizer),
    field('train-momentum', 'Momentum', numberInput('momentum', 0.9, { min: 0, max: 1, step: 'any' })),
    field('train-l2', 'L2', numberInput('l2', 0, { min: 0, step: 'any' })),
    field('train-validation-split', 'Validation split', numberInput('validationSplit', 0, { min: 0, max: 0.9, step: 'any' })),
    field('train-seed', 'Seed', h('input', { type: 'number', name: 'seed', step: 1, placeholder: 'random' })),
    field('train-patience', 'Early-stopping patience', h('input', { type: 'number', name: 'patience', min: 1, step: 1, placeholder: 'off' })),
    field('train-from-version', 'Start from', fromVersion),
    field('train-threads', 'Threads', h('input', { type: 'number', name: 'threads', min: 1, step: 1, placeholder: "the server's" })),
    h(
      'div',
      { class: 'field checks' },
      h('label', {}, h('input', { type: 'checkbox', name: 'shuffle', checked: true }), ' Shuffle'),
      h('label', {}, h('input', { type: 'checkbox', name: 'standardize', checked: true }), ' Standardise inputs'),
    ),
    h('div', { class: 'field submit' }, h('button', { type: 'submit', disabled: !datasets.length }, 'Train')),
    errors,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    try {
      const job = await api(`api/v1/networks/${encodeURIComponent(network)}/training-jobs`, {
        method: 'POST',
        body: trainingRequest(new FormData(form)),
      });
      onSubmitted(job);
    } catch (error) {
      showErrors(errors, error);
    }
  });
  // Open for a network's first training; afterwards it waits folded, out of the curves' way.
  replace(
    card,
    h(
      'details',
      { open: versions.length === 0 },
      h('summary', {}, h('h3', {}, 'Train a new version')),
      form,
    ),
  );
}

/** Data sets with as many features as the network has inputs first: those it can learn from. */
function fitting(datasets, inputs) {
  const fits = (d) => d.features.length === inputs;
  return [...datasets.filter(fits), ...datasets.filter((d) => !fits(d))];
}

function trainingRequest(data) {
  const number = (name) => Number(data.get(name));
  const body = {
    dataset: data.get('dataset'),
    epochs: number('epochs'),
    batchSize: number('batchSize'),
    learningRate: number('learningRate'),
    optimizer: data.get('optimizer'),
    momentum: number('momentum'),
    l2: number('l2'),
    validationSplit: number('validationSplit'),
    shuffle: data.get('shuffle') === 'on',
    standardize: data.get('standardize') === 'on',
  };
  if (data.get('seed')) body.seed = number('seed');
  if (data.get('patience')) body.earlyStopping = { patience: number('patience') };
  if (data.get('fromVersion')) body.fromVersion = data.get('fromVersion');
  if (data.get('threads')) body.threads = number('threads');
  return body;
}

/** A refused request's detail, and each invalid field. */
export function showErrors(target, error) {
  if (!(error instanceof ApiError)) {
    replace(target, h('p', {}, String(error.message || error)));
    return;
  }
  const fields = (error.problem.errors || []).map((e) => h('li', {}, `${e.field}: ${e.message}`));
  replace(target, h('p', {}, error.message), fields.length ? h('ul', {}, fields) : null);
}
