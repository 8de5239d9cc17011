// A job's loss and accuracy curves, drawn live with uPlot from the job's event stream: the
// epochs already done first, then each epoch as it ends, then the final status.

import { api, blob, events } from './api.js';
import { finite, h, num, replace } from './dom.js';
import { cancelJob, finished, statusBadge } from './jobs.js';

const TRAINING = '#1f6fd1';
const VALIDATION = '#d9480f';
const METRICS = [
  { key: 'loss', label: 'loss', stroke: TRAINING, scale: 'loss' },
  { key: 'validationLoss', label: 'validation loss', stroke: VALIDATION, scale: 'loss' },
  { key: 'accuracy', label: 'accuracy', stroke: TRAINING, scale: 'accuracy', dash: [6, 4] },
  { key: 'validationAccuracy', label: 'validation accuracy', stroke: VALIDATION, scale: 'accuracy', dash: [6, 4] },
];

/** Parses an event's JSON; a bare NaN or Infinity (not JSON) reads as null. */
function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/-?\bInfinity\b|\bNaN\b/g, 'null'));
  }
}

export class JobPanel {
  constructor(card, onFinished) {
    this.card = card;
    this.onFinished = onFinished;
  }

  close() {
    this.abort?.abort();
    this.resize?.disconnect();
    this.plot?.destroy();
    this.plot = null;
    this.card.hidden = true;
    this.card.replaceChildren();
    this.id = null;
  }

  async open(id) {
    if (this.id === id) return;
    this.close();
    this.id = id;
    let job;
    try {
      job = await api(`api/v1/training-jobs/${encodeURIComponent(id)}`);
    } catch (error) {
      if (this.id === id) this.id = null;
      throw error;
    }
    if (this.id !== id) return;
    this.job = job;
    this.columns = { epoch: [], loss: [], validationLoss: [], accuracy: [], validationAccuracy: [] };
    this.status = h('p', { id: 'job-status', class: 'job-status' });
    this.announce = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.chart = h('div', { id: 'job-chart', class: 'chart', role: 'img', 'aria-label': `loss and accuracy curves of training job ${id}` });
    this.cancel = h('button', { type: 'button', class: 'danger', onclick: () => cancelJob(id).catch(() => {}) }, 'Cancel job');
    this.card.hidden = false;
    replace(
      this.card,
      h('h3', {}, `Training job ${id.slice(0, 8)} of ${job.network}`),
      this.status,
      this.announce,
      this.chart,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: () => this.saveSvg() }, 'Save curves as SVG'),
        this.cancel,
      ),
    );
    this.showStatus();
    this.resize = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resize.observe(this.chart);
    this.abort = new AbortController();
    events(`api/v1/training-jobs/${encodeURIComponent(id)}/events`, (name, data) => this.onEvent(name, data), this.abort.signal)
      .catch((error) => {
        if (error.name !== 'AbortError' && this.id === id) {
          this.announce.textContent = `The event stream stopped: ${error.message}`;
          this.status.append(' · stream stopped');
        }
      });
  }

  onEvent(name, text) {
    const payload = parse(text);
    if (name === 'epoch') {
      this.columns.epoch.push(payload.epoch);
      for (const m of METRICS) this.columns[m.key].push(finite(payload[m.key]));
      if (this.job.status === 'QUEUED') this.job.status = 'RUNNING';
      this.job.epoch = payload.epoch;
      this.job.metrics = payload;
      this.schedule();
    } else if (name === 'status') {
      this.job = payload;
      this.schedule();
      this.announce.textContent = `Training job ${payload.status.toLowerCase()}.`;
      this.onFinished(payload);
    }
  }

  /** Redraws at most once a frame, however fast the epochs come. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
      this.showStatus();
    });
  }

  showStatus() {
    const j = this.job;
    const m = j.metrics || {};
    const parts = [` epoch ${j.epoch} of ${j.epochs}`, `loss ${num(m.loss)}`];
    if (m.validationLoss != null) parts.push(`validation loss ${num(m.validationLoss)}`);
    if (m.accuracy != null) parts.push(`accuracy ${num(m.accuracy)}`);
    replace(this.status, statusBadge(j.status), parts.join(' · '));
    this.chart.dataset.epochs = String(this.columns.epoch.length);
    this.cancel.hidden = finished(j.status);
  }

  size() {
    return { width: Math.max(240, this.chart.clientWidth), height: this.chart.clientWidth < 500 ? 220 : 260 };
  }

  draw() {
    if (!this.columns.epoch.length) {
      replace(this.chart, h('p', { class: 'empty' }, 'No epochs yet.'));
      return;
    }
    if (!globalThis.uPlot) {
      replace(this.chart, h('p', { class: 'empty' }, 'The chart library did not load; the status line above follows the job.'));
      return;
    }
    if (!this.plot) this.create();
    this.plot.setData(this.data());
  }

  /** The series a job reports: validation ones with a validation split, accuracies for classifiers. */
  create() {
    this.shown = METRICS.filter((m) => this.columns[m.key].some((v) => v !== null) || m.key === 'loss');
    const classifier = this.shown.some((m) => m.scale === 'accuracy');
    const axis = { stroke: '#374151', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#9ca3af', width: 1 } };
    this.chart.replaceChildren();
    this.plot = new globalThis.uPlot(
      {
        ...this.size(),
        scales: {
          x: { time: false, range: (u, min, max) => [0, Math.max(1, max ?? 1, finished(this.job.status) ? 0 : this.job.epochs)] },
          loss: { auto: true, range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(max ?? 1, 1e-9)] },
          accuracy: { range: [0, 1] },
        },
        axes: [
          { ...axis, label: 'epoch' },
          { ...axis, scale: 'loss', label: 'loss' },
          classifier ? { ...axis, scale: 'accuracy', label: 'accuracy', side: 1, grid: { show: false } } : null,
        ].filter(Boolean),
        series: [
          { label: 'epoch' },
          ...this.shown.map((m) => ({ label: m.label, scale: m.scale, stroke: m.stroke, width: 2, dash: m.dash, value: (u, v) => num(v) })),
        ],
        legend: { live: true },
        cursor: { drag: { x: true, y: false } },
      },
      this.data(),
      this.chart,
    );
  }

  data() {
    return [this.columns.epoch, ...this.shown.map((m) => this.columns[m.key])];
  }

  async saveSvg() {
    const picture = await blob(`api/v1/training-jobs/${encodeURIComponent(this.id)}/curves.svg`);
    const url = URL.createObjectURL(picture);
    const a = h('a', { href: url, download: `${this.job.network}-${this.id.slice(0, 8)}-curves.svg` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}
