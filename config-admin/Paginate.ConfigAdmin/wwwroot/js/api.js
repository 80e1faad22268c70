// The admin API client (CONTRACT §3). Every call carries the admin key as a bearer token; failures
// become ApiError carrying the RFC 9457 problem details so screens can put each message at its field.

const KEY_NAME = 'paginate.adminKey';

export function adminKey() {
  return sessionStorage.getItem(KEY_NAME);
}

export function setAdminKey(key) {
  if (key) sessionStorage.setItem(KEY_NAME, key);
  else sessionStorage.removeItem(KEY_NAME);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }

  /** Field-path → messages, as sent in `errors` (may be empty). */
  get fieldErrors() {
    const errors = this.problem.errors;
    return errors && typeof errors === 'object' ? errors : {};
  }
}

function problemMessage(status, problem) {
  if (status === 0) return 'The admin API could not be reached. Check the connection and try again.';
  if (status === 401) return 'The admin key was not accepted (401). Enter a valid admin key.';
  const title = problem?.title;
  const detail = problem?.detail;
  if (detail && title && detail !== title) return `${title}: ${detail}`;
  return detail || title || `The request failed with status ${status}.`;
}

/** Calls the admin API; resolves to the parsed JSON body (or null), rejects with ApiError. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const key = adminKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 300) }; }
  }
  if (response.status === 401) {
    const error = new ApiError(401, data);
    window.dispatchEvent(new CustomEvent('paginate:unauthorized', { detail: error }));
    throw error;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
