// The network drawn as layers of neurons, every connection coloured by the sign of its weight and
// sized by its magnitude (relative to the largest weight between the same two layers).
//
// Large networks: a layer of more than MAX_DRAWN units shows its first HEAD and last TAIL units
// and one ellipsis node standing for the units between. A connection between two drawn units is
// its own weight; a connection to or from an ellipsis is dashed and stands for all the weights it
// hides: it is drawn with their mean, and its tooltip gives their count, mean, least and greatest.
// So at most 12 x 12 lines join two layers, whatever their width.

import { h, num, replace, s } from './dom.js';

export const MAX_DRAWN = 12;
const HEAD = 6;
const TAIL = 5;
const POSITIVE = [31, 111, 209];
const NEGATIVE = [217, 72, 15];
const R = 15;
const ROW = 40;

/** The drawn slots of a layer of n units: units by index, and at most one ellipsis. */
export function slots(n) {
  if (n <= MAX_DRAWN) return Array.from({ length: n }, (_, i) => ({ units: [i], unit: i }));
  const hidden = Array.from({ length: n - HEAD - TAIL }, (_, i) => HEAD + i);
  return [
    ...Array.from({ length: HEAD }, (_, i) => ({ units: [i], unit: i })),
    { units: hidden, unit: null },
    ...Array.from({ length: TAIL }, (_, i) => ({ units: [n - TAIL + i], unit: n - TAIL + i })),
  ];
}

/** The weight a line between two slots shows: exact, or the mean of those an ellipsis hides. */
export function aggregate(weights, targets, sources) {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const j of targets) {
    const row = weights[j];
    for (const k of sources) {
      const w = row[k];
      sum += w;
      if (w < min) min = w;
      if (w > max) max = w;
    }
  }
  const count = targets.length * sources.length;
  return { w: sum / count, min, max, count };
}

function colour([r, g, b], alpha) {
  return `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`;
}

/** The colour at that strength over white, opaque, so the lines behind a neuron do not show. */
function tint([r, g, b], strength) {
  const mix = (c) => Math.round(255 + (c - 255) * strength);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

function largest(weights) {
  let m = 0;
  for (const row of weights) for (const w of row) m = Math.max(m, Math.abs(w));
  return m || 1;
}

export class NetworkDrawing {
  constructor(network, model) {
    this.network = network;
    this.model = model;
    this.sizes = [network.inputs, ...network.layers.map((l) => l.units)];
    this.slots = this.sizes.map(slots);
    this.nodes = [];
  }

  render() {
    const tallest = Math.max(...this.slots.map((c) => c.length));
    const columns = this.sizes.length;
    const gap = columns > 6 ? 120 : 190;
    // Room for the longest input and output names (about 7 units a character at 12px).
    const room = (names, count, prefix) =>
      30 + 7 * Math.max(...Array.from({ length: Math.min(count, 64) }, (_, i) => (names?.[i] ?? `${prefix}${count}`).length), 2);
    const left = room(this.network.features, this.sizes[0], 'x');
    const right = room(this.network.labels, this.sizes[columns - 1], 'y');
    const width = left + gap * (columns - 1) + right;
    const height = 40 + ROW * (tallest - 1) + 60;
    const x = (c) => left + c * gap;
    const y = (c, i) => 30 + ((tallest - this.slots[c].length) * ROW) / 2 + i * ROW;
    const description = `${this.network.name} version ${this.model.version}: ${this.sizes[0]} inputs, ` +
      this.network.layers.map((l) => `${l.units} ${l.activation}`).join(', ');
    const svg = s(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, width, height, class: 'network-drawing', role: 'img', 'aria-labelledby': 'drawing-title' },
      s('title', { id: 'drawing-title' }, description),
    );
    for (let c = 0; c + 1 < columns; c++) svg.append(this.connections(c, x, y));
    for (let c = 0; c < columns; c++) svg.append(this.column(c, x(c), (i) => y(c, i), height));
    this.svg = svg;
    return svg;
  }

  connections(c, x, y) {
    const weights = this.model.layers[c].weights;
    const scale = largest(weights);
    const lines = [];
    this.slots[c + 1].forEach((target, ti) => {
      this.slots[c].forEach((source, si) => {
        const a = aggregate(weights, target.units, source.units);
        lines.push({ a, ti, si, single: a.count === 1, target, source });
      });
    });
    lines.sort((p, q) => Math.abs(p.a.w) - Math.abs(q.a.w));
    const g = s('g', { class: 'connections', 'aria-hidden': 'true' });
    for (const { a, ti, si, single, target, source } of lines) {
      const m = Math.abs(a.w) / scale;
      const name = single
        ? `w[${c + 1}] unit ${target.unit + 1} ← unit ${source.unit + 1} = ${num(a.w)}`
        : `mean of ${a.count} weights = ${num(a.w)} (from ${num(a.min)} to ${num(a.max)})`;
      g.append(
        s(
          'line',
          {
            x1: x(c), y1: y(c, si), x2: x(c + 1), y2: y(c + 1, ti),
            stroke: colour(a.w >= 0 ? POSITIVE : NEGATIVE, 0.15 + 0.85 * m),
            'stroke-width': (0.3 + 3.7 * m).toFixed(2),
            'stroke-dasharray': single ? null : '4 3',
            class: a.w >= 0 ? 'positive' : 'negative',
          },
          s('title', {}, name),
        ),
      );
    }
    return g;
  }

  column(c, x, y, height) {
    const g = s('g', { class: 'layer', dataset: { layer: String(c) } });
    const layer = c === 0 ? null : this.network.layers[c - 1];
    const last = c === this.sizes.length - 1;
    const names = c === 0 ? this.network.features : last ? this.network.labels : null;
    this.nodes[c] = [];
    this.slots[c].forEach((slot, i) => {
      if (slot.unit === null) {
        g.append(
          s('text', { x, y: y(i) + 5, 'text-anchor': 'middle', class: 'ellipsis' }, '⋮',
            s('title', {}, `${slot.units.length} units not drawn; their connections are shown dashed, as means`)),
          s('text', { x: x + R + 4, y: y(i) + 4, class: 'unit-label' }, `+${slot.units.length}`),
        );
        this.nodes[c].push(null);
        return;
      }
      const title = s('title', {}, this.unitTitle(c, slot.unit, layer));
      const circle = s('circle', { cx: x, cy: y(i), r: R, class: 'neuron', fill: '#ffffff' }, title);
      const value = s('text', { x, y: y(i) + 3, 'text-anchor': 'middle', class: 'neuron-value' });
      g.append(circle, value);
      if (c === 0 || last) {
        const label = names?.[slot.unit] ?? `${c === 0 ? 'x' : 'y'}${slot.unit + 1}`;
        g.append(
          s('text', { x: c === 0 ? x - R - 6 : x + R + 6, y: y(i) + 4, 'text-anchor': c === 0 ? 'end' : 'start', class: 'unit-label' }, label),
        );
      }
      this.nodes[c].push({ circle, value, title, unit: slot.unit, base: title.textContent });
    });
    const caption = c === 0 ? `input (${this.sizes[0]})` : `${layer.units} ${layer.activation}`;
    g.append(s('text', { x, y: height - 14, 'text-anchor': 'middle', class: 'layer-caption' }, caption));
    return g;
  }

  unitTitle(c, unit, layer) {
    if (c === 0) {
      const name = this.network.features?.[unit] ?? `input ${unit + 1}`;
      return `${name}`;
    }
    const bias = this.model.layers[c - 1].biases[unit];
    return `layer ${c} (${layer.activation}) unit ${unit + 1}, bias ${num(bias)}`;
  }

  /**
   * Shades each drawn neuron by its activation for one row: blue for positive, orange for negative,
   * as strong as the value is large against the largest in its layer. columns[c][unit] = value.
   */
  shade(columns, sums) {
    columns.forEach((values, c) => {
      const scale = Math.max(...values.map((v) => Math.abs(v)), 1e-12);
      (this.nodes[c] || []).forEach((node) => {
        if (!node) return;
        const v = values[node.unit];
        const m = Math.min(1, Math.abs(v) / scale);
        node.circle.setAttribute('fill', tint(v >= 0 ? POSITIVE : NEGATIVE, 0.08 + 0.92 * m));
        node.circle.classList.toggle('strong', m > 0.55);
        node.value.classList.toggle('on-dark', m > 0.55);
        // The circle has room for about four characters; the title keeps the exact value.
        node.value.textContent = Math.abs(v) < 0.005 ? '0' : num(v, 2);
        const sum = c > 0 && sums ? `, s = ${num(sums[c - 1][node.unit])}` : '';
        node.title.textContent = `${node.base}: a = ${num(v)}${sum}`;
      });
    });
  }
}

export function legend() {
  return h(
    'p',
    { class: 'legend' },
    h('span', { class: 'swatch positive' }), ' positive weight ',
    h('span', { class: 'swatch negative' }), ' negative weight; thicker and darker is larger (against the ',
    'largest between the same layers). Layers wider than ', String(MAX_DRAWN),
    ` units show their first ${HEAD} and last ${TAIL} units; the dashed lines of the ellipsis `,
    'stand for the hidden units and show the mean of their weights. After a prediction each ',
    'neuron is shaded by its activation.',
  );
}

export function renderDrawing(target, drawing) {
  replace(target, h('div', { class: 'scroll drawing' }, drawing.render()), legend());
}
