// The dashboard: what is shown follows the address's hash (#network=iris&job=<id>), so every view
// can be linked to and the browser's back button works.

import { api } from './api.js';
import { h, replace } from './dom.js';
import { JobPanel } from './curves.js';
import { NetworkDrawing, renderDrawing } from './drawing.js';
import { cancelJob, finished, loadJobs, renderJobs, renderTrainForm, showErrors } from './jobs.js';
import { setupKey } from './keys.js';
import { link, loadNetworks, loadVersions, renderDefinition, renderNetworkList, renderVersions } from './networks.js';
import { renderPredict } from './predict.js';
import { cancelSearch, loadSearches, renderSearches } from './searches.js';

/** Past this many parameters the drawing is not attempted: the model document gets too large. */
const MAX_DRAWN_PARAMETERS = 1_000_000;
const JOB_POLL_MS = 2000;

const $ = (id) => document.getElementById(id);
const state = { networks: [], network: null, versions: [], jobs: [], searches: [], version: null, chosen: false };
const jobPanel = new JobPanel($('job'), () => refreshNetwork());
let jobPoll = null;

function params() {
  return new URLSearchParams(location.hash.slice(1));
}

async function loadList() {
  try {
    state.networks = await loadNetworks();
    renderNetworkList($('network-list'), state.networks, params().get('network'));
  } catch (error) {
    replace($('network-list'), h('li', { class: 'empty' }, `Networks could not be loaded: ${error.message}`));
  }
}

async function route() {
  const p = params();
  const name = p.get('network');
  renderNetworkList($('network-list'), state.networks, name);
  if (!name) {
    state.network = null;
    $('network-view').hidden = true;
    $('placeholder').hidden = false;
    jobPanel.close();
    return;
  }
  try {
    if (state.network?.name !== name) await openNetwork(name);
    const job = p.get('job');
    renderJobs($('jobs'), name, state.jobs, job, cancel);
    if (job) {
      await jobPanel.open(job);
      $('job').scrollIntoView({ block: 'nearest' });
    } else {
      jobPanel.close();
    }
  } catch (error) {
    $('placeholder').hidden = false;
    replace($('placeholder'), `Could not open ${name}: ${error.message}`);
  }
}

async function openNetwork(name) {
  clearInterval(jobPoll);
  jobPanel.close();
  const network = await api(`api/v1/networks/${encodeURIComponent(name)}`);
  Object.assign(state, { network, versions: [], jobs: [], searches: [], version: null, chosen: false });
  $('placeholder').hidden = true;
  $('network-view').hidden = false;
  $('network-title').textContent = network.name;
  renderDefinition($('definition'), network);
  await refreshNetwork(true);
}

/** Reloads a network's versions and jobs; draws the newest version unless one was chosen. */
async function refreshNetwork(first = false) {
  const name = state.network?.name;
  if (!name) return;
  const [versions, jobs, searches, datasets] = await Promise.all([
    loadVersions(name),
    loadJobs(name),
    loadSearches(name),
    first || state.versions.length === 0 ? api('api/v1/datasets?size=500').then((p) => p.items) : null,
  ]);
  if (state.network?.name !== name) return;
  const newVersions = first || versions.length !== state.versions.length;
  state.versions = versions;
  showJobs(jobs, searches);
  if (newVersions) {
    state.datasets = datasets ?? state.datasets ?? [];
    renderTrainForm($('train'), {
      network: name,
      inputs: state.network.inputs,
      datasets: state.datasets,
      versions,
      onSubmitted: submitted,
    });
    if (!state.chosen || state.version === null) state.version = versions[0]?.version ?? null;
    await showVersion();
  }
  renderVersions($('versions'), name, versions, state.version, chooseVersion);
}

/** Shows jobs and searches, and polls both while any of them has not finished. */
function showJobs(jobs, searches = state.searches) {
  state.jobs = jobs;
  state.searches = searches;
  const name = state.network.name;
  renderJobs($('jobs'), name, jobs, params().get('job'), cancel);
  renderSearches($('searches'), name, searches, cancelOne);
  clearInterval(jobPoll);
  if ([...jobs, ...searches].some((j) => !finished(j.status))) {
    jobPoll = setInterval(async () => {
      if (state.network?.name !== name) return;
      try {
        const [moreJobs, moreSearches] = await Promise.all([loadJobs(name), loadSearches(name)]);
        const ended = searches.some((s) => !finished(s.status)) && moreSearches.every((s) => finished(s.status));
        showJobs(moreJobs, moreSearches);
        if (ended) await refreshNetwork(); // a search that ended made a version
      } catch {
        clearInterval(jobPoll);
      }
    }, JOB_POLL_MS);
  }
}

async function cancelOne(id) {
  try {
    await cancelSearch(id);
  } catch (error) {
    showErrors($('searches'), error);
  }
  const name = state.network.name;
  showJobs(await loadJobs(name), await loadSearches(name));
}

async function chooseVersion(version) {
  state.version = version;
  state.chosen = true;
  renderVersions($('versions'), state.network.name, state.versions, version, chooseVersion);
  await showVersion();
}

async function showVersion() {
  const { network, version } = state;
  if (version === null) {
    replace($('drawing'), h('h3', {}, 'Network'), h('p', { class: 'empty' }, 'Train the network to draw its weights.'));
    replace($('predict'), h('h3', {}, 'Predict'), h('p', { class: 'empty' }, 'Train the network first.'));
    return;
  }
  let model = null;
  let drawing = null;
  if (network.parameterCount > MAX_DRAWN_PARAMETERS) {
    replace(
      $('drawing'),
      h('h3', {}, 'Network'),
      h('p', { class: 'empty' }, `Too large to draw here (${network.parameterCount.toLocaleString()} parameters).`),
    );
  } else {
    model = await api(`api/v1/networks/${encodeURIComponent(network.name)}/versions/${version}/export`);
    drawing = new NetworkDrawing(network, model);
    const body = h('div');
    renderDrawing(body, drawing);
    replace($('drawing'), h('h3', {}, `Network, version ${version}`), body);
  }
  renderPredict($('predict'), { network, model, version, drawing });
}

function submitted(job) {
  location.hash = link({ network: state.network.name, job: job.id });
  loadJobs(state.network.name).then(showJobs);
}

async function cancel(id) {
  try {
    await cancelJob(id);
  } catch (error) {
    showErrors($('train').querySelector('.form-errors') ?? $('jobs'), error);
  }
  showJobs(await loadJobs(state.network.name));
}

async function reload() {
  state.network = null;
  await loadList();
  await route();
}

setupKey(reload);
window.addEventListener('hashchange', route);
reload();
