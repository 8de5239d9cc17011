// The API key field: the key is kept in this tab's sessionStorage only, and sent as a header.

import { apiKey, onApiError, setApiKey } from './api.js';
import { clearNotice, showNotice } from './notice.js';

export function setupKey(onChange) {
  const form = document.getElementById('key-form');
  const input = document.getElementById('api-key');
  const forget = document.getElementById('key-forget');
  const status = document.getElementById('key-status');

  const show = () => {
    const set = Boolean(apiKey());
    status.textContent = set ? 'A key is set for this tab.' : 'No key set.';
    forget.hidden = !set;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      input.focus();
      return;
    }
    setApiKey(key);
    input.value = '';
    clearNotice();
    show();
    onChange();
  });
  forget.addEventListener('click', () => {
    setApiKey('');
    show();
    onChange();
  });

  onApiError((error) => {
    if (error.status === 401) {
      showNotice(
        apiKey()
          ? 'The service did not accept this API key. Enter another one above.'
          : 'This service needs an API key. Enter one above: a predict key to look and ' +
              'predict, an admin key to train.',
        'key',
      );
      input.focus();
    } else if (error.status === 403) {
      showNotice(
        'Your API key may not do this: training, cancelling and uploading need an admin key.',
        'key',
      );
    }
  });
  show();
}
