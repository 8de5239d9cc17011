// Every call the dashboard makes goes through here: the same API as any client, with the key
// (if one was entered) sent as a header. Keys live in sessionStorage only: gone with the tab.

const KEY_STORAGE = 'backprop.apiKey';
export const KEY_HEADER = 'X-API-Key';

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** A refused call: the status and the problem detail the service answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

const listeners = new Set();

/** Calls back with every ApiError (401: a key is needed; 403: a stronger key is). */
export function onApiError(listener) {
  listeners.add(listener);
}

function headers(extra) {
  const all = { ...extra };
  const key = apiKey();
  if (key) all[KEY_HEADER] = key;
  return all;
}

async function refused(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    problem = null;
  }
  const error = new ApiError(response.status, problem);
  listeners.forEach((listener) => listener(error));
  return error;
}

/** Calls the API; answers the parsed JSON (or text), throws an ApiError when refused. */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const init = { method, headers: headers({ Accept: accept }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await refused(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Fetches a body as a Blob (an SVG to save), with the key. */
export async function blob(path) {
  const response = await fetch(path, { headers: headers({}) });
  if (!response.ok) throw await refused(response);
  return response.blob();
}

/**
 * Reads a server-sent event stream with fetch, since EventSource cannot send the key header.
 * Calls onEvent(name, data) for each event; resolves when the stream ends; abort with signal.
 */
export async function events(path, onEvent, signal) {
  const response = await fetch(path, {
    headers: headers({ Accept: 'text/event-stream' }),
    signal,
  });
  if (!response.ok) throw await refused(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      dispatch(block, onEvent);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === 0) continue; // a comment
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) onEvent(name, data.join('\n'));
}
