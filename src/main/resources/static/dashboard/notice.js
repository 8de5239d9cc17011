// One banner under the header for what the whole page needs to say (a key is needed).

import { replace } from './dom.js';

export function showNotice(text, kind = 'warning') {
  const notice = document.getElementById('notice');
  notice.dataset.kind = kind;
  replace(notice, text);
  notice.hidden = false;
}

export function clearNotice() {
  const notice = document.getElementById('notice');
  notice.hidden = true;
  notice.replaceChildren();
}
