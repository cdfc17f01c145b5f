// The card playground (/playground). Plain browser JavaScript, no build step. It renders through the authenticated
// API (POST /api/cards), so it is never an open renderer: the API token is asked for once and kept in this tab's
// session storage only.
const TOKEN_KEY = 'syndicard.token';
const DEBOUNCE_MS = 350;

const form = document.getElementById('card-form');
const tokenInput = document.getElementById('token');
const preview = document.getElementById('preview');
const status = document.getElementById('status');
const sizeOut = document.getElementById('size');
const signedOut = document.getElementById('signed-url');
const copyButton = document.getElementById('copy-signed');

tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
tokenInput.addEventListener('change', () => {
  sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
  schedule();
});

/** The card request as the API takes it: empty fields left out. */
function cardRequest() {
  const data = new FormData(form);
  const request = {};
  for (const [name, value] of data) {
    const text = String(value).trim();
    if (text !== '' && name !== 'token') request[name] = text;
  }
  return request;
}

function headers() {
  return { Authorization: `Bearer ${tokenInput.value.trim()}`, 'Content-Type': 'application/json' };
}

async function errorText(response) {
  try {
    const body = await response.json();
    return body.error?.message ?? `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

let timer;
let latest = 0;
let objectUrl;

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}

async function render() {
  const request = cardRequest();
  signedOut.value = '';
  if (!tokenInput.value.trim()) {
    status.textContent = 'Enter the API token (printed when the service started, kept in DATA_DIR/api-token).';
    return;
  }
  if (!request.headline) {
    status.textContent = 'Type a headline.';
    return;
  }
  const ticket = ++latest;
  status.textContent = 'Rendering…';
  form.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch('/api/cards', { method: 'POST', headers: headers(), body: JSON.stringify(request) });
    if (ticket !== latest) return; // a newer request is on its way: drop this answer
    if (!response.ok) {
      status.textContent = await errorText(response);
      return;
    }
    const blob = await response.blob();
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = URL.createObjectURL(blob);
    preview.src = objectUrl;
    preview.dataset.etag = response.headers.get('ETag') ?? '';
    const template = response.headers.get('X-Card-Template') ?? '';
    sizeOut.textContent = `${blob.type} · ${(blob.size / 1024).toFixed(1)} KB (${blob.size} bytes) · ${template} template`;
    sizeOut.dataset.bytes = String(blob.size);
    status.textContent = 'Up to date.';
  } catch (error) {
    status.textContent = `The service could not be reached: ${error.message}`;
  } finally {
    if (ticket === latest) form.removeAttribute('aria-busy');
  }
}

copyButton.addEventListener('click', async () => {
  const request = cardRequest();
  const response = await fetch('/api/cards/sign', {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify(request),
  });
  if (!response.ok) {
    status.textContent = await errorText(response);
    return;
  }
  const { url } = await response.json();
  signedOut.value = url;
  signedOut.select();
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = 'Signed URL copied.';
  } catch {
    status.textContent = 'Signed URL shown below (the browser did not allow copying).';
  }
});

form.addEventListener('input', schedule);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  render();
});
schedule();
