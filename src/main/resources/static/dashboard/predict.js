// The prediction form: one field per feature (or per raw input), answered with each label's
// probability as a bar, and every neuron of the drawing shaded by its activation for that input.

import { api, ApiError } from './api.js';
import { h, num, replace } from './dom.js';
import { showErrors } from './jobs.js';

const MAX_FIELDS = 32;

function defaults(network, model) {
  const mean = model?.standardization?.mean;
  return Array.from({ length: network.inputs }, (_, i) => (mean ? Number(mean[i].toPrecision(3)) : 0));
}

function inputs(network, model) {
  const values = defaults(network, model);
  if (network.inputs > MAX_FIELDS) {
    return [
      h(
        'div',
        { class: 'field wide' },
        h('label', { for: 'predict-raw' }, `Inputs (${network.inputs} numbers, comma-separated)`),
        h('textarea', { id: 'predict-raw', name: 'raw', rows: 4, value: values.join(', ') }),
      ),
    ];
  }
  return values.map((v, i) => {
    const id = `predict-input-${i}`;
    const name = network.features?.[i] ?? `input ${i + 1}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, name),
      h('input', { id, type: 'number', step: 'any', required: true, value: String(v), dataset: { index: String(i) } }),
    );
  });
}

function readRow(form, network) {
  const raw = form.querySelector('#predict-raw');
  const texts = raw
    ? raw.value.split(/[\s,;]+/).filter((t) => t !== '')
    : [...form.querySelectorAll('input[data-index]')].map((input) => input.value);
  const row = texts.map(Number);
  if (row.length !== network.inputs || texts.some((t) => t.trim() === '') || row.some((v) => !Number.isFinite(v))) {
    throw new Error(`Give ${network.inputs} numbers.`);
  }
  return row;
}

function percent(p) {
  const v = p * 100;
  if (!Number.isFinite(v)) return '—';
  if (v > 0 && v < 0.01) return '<0.01%';
  return `${v.toFixed(v >= 10 ? 1 : 2)}%`;
}

function bars(network, outputs) {
  const probabilities =
    Boolean(network.labels) || ['softmax', 'sigmoid'].includes(network.layers[network.layers.length - 1].activation);
  return h(
    'ul',
    { class: 'bars' },
    outputs.map((p, k) => {
      const fill = h('span', { class: 'fill' });
      if (probabilities) fill.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
      return h(
        'li',
        {},
        h('span', { class: 'bar-label' }, network.labels?.[k] ?? `output ${k + 1}`),
        probabilities ? h('span', { class: 'track', 'aria-hidden': 'true' }, fill) : null,
        h('span', { class: 'bar-value' }, probabilities ? percent(p) : num(p)),
      );
    }),
  );
}

export function renderPredict(card, { network, model, version, drawing }) {
  const result = h('div', { id: 'prediction', 'aria-live': 'polite' });
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const path = `api/v1/networks/${encodeURIComponent(network.name)}`;
  const form = h(
    'form',
    { id: 'predict-form', class: 'grid-form', novalidate: true },
    inputs(network, model),
    h('div', { class: 'field submit' }, h('button', { type: 'submit' }, 'Predict')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    let row;
    try {
      row = readRow(form, network);
      const answer = await api(`${path}/predictions?version=${version}`, { method: 'POST', body: { inputs: [row] } });
      const label = answer.labels?.[0];
      replace(
        result,
        label !== undefined
          ? h('p', { class: 'predicted' }, 'Predicted label: ', h('strong', { id: 'prediction-label' }, label))
          : h('p', { class: 'predicted' }, `Outputs of version ${answer.version}:`),
        bars(network, answer.outputs[0]),
      );
    } catch (error) {
      showErrors(errors, error);
      return;
    }
    shade(path, version, row, drawing, result);
  });
  replace(
    card,
    h('h3', {}, `Predict with version ${version}`),
    h('p', { class: 'hint' }, 'Raw inputs: the service applies the version\u2019s standardisation.'),
    form,
    errors,
    result,
  );
}

async function shade(path, version, row, drawing, result) {
  if (!drawing) return;
  try {
    const answer = await api(`${path}/versions/${version}/activations`, { method: 'POST', body: { inputs: [row] } });
    drawing.shade(
      [answer.input[0], ...answer.layers.map((l) => l.a[0])],
      answer.layers.map((l) => l.s[0]),
    );
    result.append(h('p', { class: 'hint' }, 'The drawing shows each neuron\u2019s activation for this input.'));
  } catch (error) {
    const missing = error instanceof ApiError && [404, 405].includes(error.status);
    result.append(
      h('p', { class: 'hint' }, missing ? 'This service does not report activations.' : `Activations: ${error.message}`),
    );
  }
}
