// Reads a pasted `curl` command or HAR entry into a draft request, in the browser only. Credentials never
// leave this module: a credential header keeps only its NAME (it becomes a forwarded header), a query or body
// value that looks like a key becomes a {{placeholder}}, and no value of either is returned.

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key']);
const CREDENTIAL_WORDS = /token|secret|password|passwd|key|auth|signature|session|credential/i;
// Headers a browser or curl adds on its own; a runner must not pin them.
const NOISE_HEADERS = /^(host|content-length|connection|keep-alive|transfer-encoding|accept-encoding|accept-language|user-agent|origin|referer|cache-control|pragma|te|upgrade|priority|dnt|sec-.*|upgrade-insecure-requests|if-none-match|if-modified-since)$/i;

/** A header whose value is a credential (CONTRACT §1: the names static headers refuse). */
export function isCredentialHeader(name) {
  return CREDENTIAL_HEADERS.has(name.toLowerCase()) || CREDENTIAL_WORDS.test(name);
}

/** A query or body value that looks like a key: by its name, or by its look (long, mixed letters and digits). */
export function looksLikeKey(name, value) {
  if (typeof value !== 'string' || value === '') return false;
  if (CREDENTIAL_WORDS.test(name) && !/^(page|limit|offset|cursor|per_page|size)$/i.test(name)) return true;
  if (/^(sk|pk|rk|xox[abpr]|ghp|gho|glpat|key|tok)[-_]/i.test(value)) return true;
  return value.length >= 24 && /[A-Za-z]/.test(value) && /\d/.test(value) && /^[A-Za-z0-9_\-.~+/=]+$/.test(value);
}

function placeholderName(name, taken) {
  let base = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1').slice(0, 60) || 'key';
  if (!/^[A-Za-z_]/.test(base)) base = `p_${base}`;
  let candidate = base;
  for (let i = 2; taken.has(candidate); i += 1) candidate = `${base}_${i}`;
  taken.add(candidate);
  return candidate;
}

/** Splits a shell command line the way sh would for the quoting curl commands use ('...', "...", $'...', \). */
export function shellWords(text) {
  const words = [];
  let word = null;
  let i = 0;
  const src = text.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' ');
  const push = () => { if (word !== null) words.push(word); word = null; };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { push(); i += 1; continue; }
    word ??= '';
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      word += src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
    } else if (c === '$' && src[i + 1] === "'") {
      i += 2;
      while (i < src.length && src[i] !== "'") {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1];
          word += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
        } else {
          word += src[i];
          i += 1;
        }
      }
      i += 1;
    } else if (c === '"') {
      i += 1;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length && '"\\$`'.includes(src[i + 1])) { word += src[i + 1]; i += 2; } else { word += src[i]; i += 1; }
      }
      i += 1;
    } else if (c === '\\' && i + 1 < src.length) {
      word += src[i + 1];
      i += 2;
    } else {
      word += c;
      i += 1;
    }
  }
  push();
  return words;
}

const VALUE_OPTIONS = new Set(['-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii',
  '--data-urlencode', '--json', '-u', '--user', '-b', '--cookie', '--url', '-A', '--user-agent', '-e', '--referer',
  '-o', '--output', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '-w', '--write-out', '--retry', '-F', '--form',
  '--cacert', '--cert', '--key', '-c', '--cookie-jar', '--resolve', '-T', '--upload-file', '--oauth2-bearer']);

/** The raw request of a curl command: `{ method, url, headers: [[name, value]], body }`. */
function fromCurl(text) {
  const words = shellWords(text.trim());
  if (!words.length || !/(^|\/)curl(\.exe)?$/i.test(words[0])) return null;
  let method = null;
  let url = null;
  let get = false;
  const headers = [];
  const data = [];
  for (let i = 1; i < words.length; i += 1) {
    let option = words[i];
    let value;
    if (option.startsWith('--') && option.includes('=')) {
      [option, value] = [option.slice(0, option.indexOf('=')), option.slice(option.indexOf('=') + 1)];
    } else if (/^-[XHdubeAmxo]./.test(option)) {
      [option, value] = [option.slice(0, 2), option.slice(2)];
    } else if (VALUE_OPTIONS.has(option)) {
      i += 1;
      value = words[i] ?? '';
    }
    switch (option) {
      case '-X': case '--request': method = value.toUpperCase(); break;
      case '-H': case '--header': {
        const colon = value.indexOf(':');
        if (colon > 0) headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        break;
      }
      case '-d': case '--data': case '--data-raw': case '--data-binary': case '--data-ascii': case '--data-urlencode':
        data.push(value); break;
      case '--json':
        data.push(value);
        headers.push(['Content-Type', 'application/json']);
        break;
      case '-u': case '--user': headers.push(['Authorization', '(basic credentials)']); break;
      case '--oauth2-bearer': headers.push(['Authorization', '(bearer token)']); break;
      case '-b': case '--cookie': headers.push(['Cookie', '(cookies)']); break;
      case '-G': case '--get': get = true; break;
      case '--url': url = value; break;
      default:
        if (value === undefined && !option.startsWith('-') && url === null) url = option;
    }
  }
  if (!url) return null;
  let body = data.length ? data.join('&') : null;
  if (get && body !== null) {
    url += (url.includes('?') ? '&' : '?') + body;
    body = null;
  }
  return { method: method ?? (body !== null ? 'POST' : 'GET'), url, headers, body };
}

/** The raw request of a HAR file (first entry), a HAR entry, or a HAR request object. */
function fromHar(text) {
  let json;
  try { json = JSON.parse(text); } catch { return null; }
  const request = json?.log?.entries?.[0]?.request ?? json?.request ?? (json?.url && json?.method ? json : null);
  if (!request?.url) return null;
  return {
    method: String(request.method ?? 'GET').toUpperCase(),
    url: String(request.url),
    headers: (request.headers ?? []).filter((x) => x?.name && !x.name.startsWith(':')).map((x) => [String(x.name), String(x.value ?? '')]),
    body: request.postData?.text ?? null,
  };
}

function placeholdBody(node, taken, made, path = '') {
  if (Array.isArray(node)) return node.map((v, i) => placeholdBody(v, taken, made, `${path}_${i}`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typeof v === 'string' && looksLikeKey(k, v)
      ? (() => { const name = placeholderName(k, taken); made.push(name); return `{{${name}}}`; })()
      : placeholdBody(v, taken, made, k)]));
  }
  return node;
}

/**
 * Parses a pasted curl command or HAR entry. Returns null when the text is neither, else
 * `{ definition, forwarded, placeholders, staticHeaders, dropped }` where `definition` holds only `request`
 * fields and no credential value: `forwarded` are the credential header names, `placeholders` the query or
 * body values replaced by {{name}}.
 */
export function parseRequest(text) {
  const raw = fromCurl(text) ?? fromHar(text.trim());
  if (!raw) return null;
  let url;
  try { url = new URL(raw.url); } catch { return null; }
  const taken = new Set();
  const placeholders = [];
  const query = [];
  for (const [name, value] of url.searchParams) {
    if (looksLikeKey(name, value)) {
      const placeholder = placeholderName(name, taken);
      placeholders.push(placeholder);
      query.push(`${encodeURIComponent(name)}={{${placeholder}}}`);
    } else {
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  const forwarded = [];
  const staticHeaders = {};
  const dropped = [];
  for (const [name, value] of raw.headers) {
    const lower = name.toLowerCase();
    if (isCredentialHeader(name)) {
      if (!forwarded.some((f) => f.toLowerCase() === lower)) forwarded.push(name);
    } else if (NOISE_HEADERS.test(name) || (lower === 'content-type' && /json/i.test(value))) {
      dropped.push(name);
    } else {
      staticHeaders[name] = value;
    }
  }
  const request = {
    method: raw.method === 'POST' ? 'POST' : 'GET',
    url: url.href.replace(/\?$/, '') + (query.length ? `?${query.join('&')}` : ''),
  };
  if (raw.body !== null && request.method === 'POST') {
    try { request.body = placeholdBody(JSON.parse(raw.body), taken, placeholders); } catch { /* not JSON: a runner body is a JSON template */ }
  }
  if (forwarded.length) request.forward_headers = forwarded;
  if (Object.keys(staticHeaders).length) request.static_headers = staticHeaders;
  return { definition: { request }, forwarded, placeholders, staticHeaders: Object.keys(staticHeaders), dropped, method: raw.method };
}
