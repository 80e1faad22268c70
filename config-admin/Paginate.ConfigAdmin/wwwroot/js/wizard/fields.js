// The runner definition's form fields (CONTRACT §1), described once and used to draw the form, read it
// into a definition, fill it from a definition (AI answer, copied runner, detected settings) and check
// a pasted definition for unknown or mistyped fields.

export const STYLES = [
  { value: 'page_number', label: 'Page number', help: 'Use this for APIs that paginate with page numbers.' },
  { value: 'offset', label: 'Offset and limit', help: 'Use this for APIs that ask for an offset and limit.' },
  { value: 'cursor', label: 'Cursor', help: 'Use this for APIs that return a cursor for the next page.' },
  { value: 'next_link', label: 'JSON next link', help: 'Use this for APIs that return the next page URL in the JSON body. Without a path it follows links.next, then next, then paging.next.link when present.' },
  { value: 'link_header', label: 'Link header', help: 'Use this for APIs that return the next page in the HTTP Link header.' },
  { value: 'script', label: 'Script', help: 'Use this when none of the above fits: a short script runs after each page and prepares the next request.' },
  { value: 'none', label: 'No pagination', help: 'Use this when the endpoint returns everything in one response.' },
];

export const SHAPES = [
  { value: 'full', label: 'Full item', help: 'Return each item exactly as the API returns it.' },
  { value: 'flatten_jsonapi', label: 'Flatten JSON:API', help: 'Turn JSON:API resources into { id, type, ...attributes } with relationship ids as <name>_id / <name>_ids, for easier Clay columns.' },
  { value: 'select', label: 'Select fields', help: 'Return only the fields Clay needs.' },
];

const PLACEMENT_HELP = 'Where the value goes on the next request. For body, the name is a JSON Pointer such as /variables/after.';

/**
 * kind: text | url | int | number | bool | select | textarea | json | lines | headers | placement | style | shape | script.
 * `style`: the pagination style the field belongs to. Defaults (`def`), bounds (`min`, `max`) and select
 * choices come from the runner JSON Schema (schema.js applySchema), never from this list.
 * `optionalInSchema`: a newer field, drawn only when the schema has it. `optional` (select): an empty choice
 * that leaves the field out.
 */
export const FIELDS = [
  { path: 'name', kind: 'text', label: 'Runner name', required: true, help: 'Shown in the runner list, e.g. "Stripe customers".' },
  { path: 'description', kind: 'text', label: 'Description', help: 'Optional: what the runner returns and for whom.' },

  { path: 'request.method', kind: 'select', label: 'Method', options: ['GET', 'POST'] },
  { path: 'request.url', kind: 'url', label: 'Endpoint URL', required: true, placeholder: 'https://api.example.com/v1/items?email={{email}}',
    help: 'Enter the upstream API endpoint exactly as the API expects it. If a credential must live in the URL, use a placeholder such as {{key}}; Clay passes the value on the generated runner URL at run time. For URL keys, use placeholders like https://api.com/call?api={{key}}. Clay will call /?key=... .' },
  { path: 'request.body', kind: 'json', label: 'Request body (JSON, POST only)', onlyPost: true,
    help: 'A JSON template sent with POST. Placeholders are allowed inside string values; a string that is exactly "{{name}}" is replaced by the value.' },

  { path: 'pagination.style', kind: 'style', label: 'Pagination style' },

  { path: 'pagination.page_param', style: 'page_number', kind: 'placement', label: 'Page parameter' },
  { path: 'pagination.start_page', style: 'page_number', kind: 'int', label: 'Start page' },
  { path: 'pagination.page_size', style: 'page_number', kind: 'int', label: 'Page size', help: 'Optional. When set, a page with fewer items ends the run.' },
  { path: 'pagination.page_size_param', style: 'page_number', kind: 'placement', label: 'Page size parameter', help: 'Optional: sends the page size on every request.' },
  { path: 'pagination.total_pages_path', style: 'page_number', kind: 'text', label: 'Total pages path', placeholder: 'meta.total_pages', help: 'Optional path to the number of pages.' },
  { path: 'pagination.current_page_path', style: 'page_number', kind: 'text', label: 'Current page path', placeholder: 'meta.page', help: "Optional: the API's own page number becomes the base of the next page." },

  { path: 'pagination.offset_param', style: 'offset', kind: 'placement', label: 'Offset parameter' },
  { path: 'pagination.limit_param', style: 'offset', kind: 'placement', label: 'Limit parameter' },
  { path: 'pagination.limit', style: 'offset', kind: 'int', label: 'Limit (items per page)' },
  { path: 'pagination.start_offset', style: 'offset', kind: 'int', label: 'Start offset' },
  { path: 'pagination.total_path', style: 'offset', kind: 'text', label: 'Total items path', placeholder: 'meta.total' },
  { path: 'pagination.next_offset_path', style: 'offset', kind: 'text', label: 'Next offset path', placeholder: 'next_offset', help: 'Optional: the offset the API says to use next.' },
  { path: 'pagination.has_more_path', style: 'offset', kind: 'text', label: 'Has-more path', placeholder: 'has_more' },

  { path: 'pagination.cursor_path', style: 'cursor', kind: 'text', label: 'Cursor path', required: true, placeholder: 'meta.next_cursor or $last_item.id',
    help: 'Where the next cursor is. $last_item.id reads the id of the last item of the page (Stripe style).' },
  { path: 'pagination.cursor_param', style: 'cursor', kind: 'placement', label: 'Cursor parameter', required: true },
  { path: 'pagination.has_more_path', style: 'cursor', kind: 'text', label: 'Has-more path', placeholder: 'has_more' },

  { path: 'pagination.next_link_path', style: 'next_link', kind: 'text', label: 'Next link path', placeholder: 'links.next',
    help: 'Leave empty to try links.next, then next, then paging.next.link.' },

  { path: 'pagination.script', style: 'script', kind: 'script', label: 'Pagination script' },

  { path: 'response.items_path', kind: 'text', label: 'Items path', placeholder: 'data',
    help: 'Where the items are in each page, e.g. data or results.items (dot notation, [0] / [-1] indexes, or a JSON Pointer starting with /). Leave empty when the body itself is the array.' },

  { path: 'shape.mode', kind: 'shape', label: 'Shape mode' },
  { path: 'shape.fields', kind: 'lines', label: 'Selected fields', onlySelect: true, placeholder: 'id:id\nemail:email\ncity:address.city',
    help: 'Use one field per line as output_name:path.to.value. Add :string, :number, :integer or :boolean to convert a value, e.g. price:amount:number. Selected fields only applies when Shape mode is Select fields.' },

  { path: 'limits.max_pages', kind: 'int', label: 'Max pages', help: 'A safety cap, not the number of pages to fetch.' },
  { path: 'limits.max_items', kind: 'int', label: 'Max items', help: 'Optional cap on items returned.' },
  { path: 'limits.stop_on_empty_page', kind: 'bool', label: 'Stop on an empty page' },
  { path: 'limits.stop_on_repeated_next', kind: 'bool', label: 'Stop when a next page repeats' },
  { path: 'limits.page_delay_ms', kind: 'int', label: 'Delay between pages (ms)' },
  { path: 'limits.max_retries', kind: 'int', label: 'Max retries per page', help: 'For 429, 502, 503, 504 and network faults. Retry-After wins.' },
  { path: 'limits.retry_delay_ms', kind: 'int', label: 'Retry delay (ms)', help: 'Exponential with jitter.' },
  { path: 'limits.page_timeout_ms', kind: 'int', label: 'Page timeout (ms)' },
  { path: 'limits.total_timeout_ms', kind: 'int', label: 'Total timeout (ms)' },
  { path: 'limits.stop_on_repeated_page', kind: 'bool', label: 'Stop when a page repeats', optionalInSchema: true,
    help: 'Ends the run when a page comes back exactly like an earlier one (APIs that ignore the page parameter or loop back to page 1).' },
  { path: 'limits.rate_limit.requests_per_second', kind: 'number', label: 'Rate budget (requests per second)', optionalInSchema: true,
    help: 'Requests per second this runner may send to the API, shared by every call on every gateway. Empty: no budget.' },
  { path: 'limits.rate_limit.burst', kind: 'int', label: 'Rate budget burst', optionalInSchema: true,
    help: 'Requests allowed at once before the rate applies. Empty: the rate rounded up.' },
  { path: 'limits.rate_limit.scope', kind: 'select', label: 'Rate budget shared by', optional: true, optionalInSchema: true,
    help: 'runner: one budget for the whole runner. credential: one budget per forwarded credential (each API key gets its own).' },
  { path: 'cache.ttl_seconds', kind: 'int', label: 'Answer cache (seconds)', optionalInSchema: true,
    help: 'Identical calls within this time get the same complete answer without calling the API again. 0 turns the cache off.' },
  { path: 'limits.max_concurrency', kind: 'int', label: 'Max concurrent pages', help: 'Page-number and offset runners only: all remaining pages at once when page 1 reveals the total, else this many requested ahead (the first page that ends the run ends it).' },

  { path: 'request.forward_headers', kind: 'lines', label: 'Forwarded header names', placeholder: 'Authorization',
    help: 'One header name per line. Header values come from Clay at run time. They are never stored.' },
  { path: 'request.static_headers', kind: 'headers', label: 'Static headers', placeholder: 'Accept: application/json',
    help: 'Non-secret headers saved with the runner, one "Name: value" per line. Credential names (Authorization, Cookie, X-Api-Key, anything with token, secret, password or key) are refused: credentials come from Clay at run time.' },
];

export { PLACEMENT_HELP };

/** Object keys that hold further known keys. */
const CONTAINERS = new Set(['request', 'pagination', 'response', 'shape', 'limits', 'limits.rate_limit', 'cache']);

export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

export function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  keys.slice(0, -1).forEach((k) => { o[k] ??= {}; o = o[k]; });
  o[keys[keys.length - 1]] = value;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkValue(field, value, path) {
  if (value === null) return null;
  switch (field.kind) {
    case 'int':
      return Number.isInteger(value) ? null : `${path} must be a whole number.`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${path} must be a number.`;
    case 'bool':
      return typeof value === 'boolean' ? null : `${path} must be true or false.`;
    case 'select':
      return (field.options ?? []).some((o) => String(o).toUpperCase() === String(value).toUpperCase()) ? null : `${path} must be one of ${(field.options ?? []).join(', ')}.`;
    case 'style':
      return STYLES.some((s) => s.value === value) ? null : `${path} "${value}" is not a style; use one of ${STYLES.map((s) => s.value).join(', ')}.`;
    case 'shape':
      return SHAPES.some((s) => s.value === value) ? null : `${path} "${value}" is not a shape mode; use one of ${SHAPES.map((s) => s.value).join(', ')}.`;
    case 'lines':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : `${path} must be a list of strings.`;
    case 'headers':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'string') ? null : `${path} must be an object of header names to string values.`;
    case 'placement': {
      if (!isObject(value)) return `${path} must be an object like { "in": "query", "name": "page" }.`;
      const extra = Object.keys(value).filter((k) => k !== 'in' && k !== 'name');
      if (extra.length) return `Unknown field: ${path}.${extra[0]}.`;
      if (value.in !== undefined && !['query', 'body', 'header'].includes(value.in)) return `${path}.in must be query, body or header.`;
      if (value.name !== undefined && typeof value.name !== 'string') return `${path}.name must be a string.`;
      return null;
    }
    case 'json':
      return null;
    default:
      return typeof value === 'string' ? null : `${path} must be a string.`;
  }
}

/**
 * Splits a pasted definition (an AI answer) into what the form can take and what it cannot. Returns
 * `{ clean, ignored }`: `clean` holds every known field with a value of the right type; `ignored` lists a
 * message for each other one (unknown field, wrong type, key of another pagination style).
 */
export function splitDefinition(def) {
  if (!isObject(def)) return { clean: {}, ignored: ['The pasted JSON must be one object, like { "request": { ... }, "pagination": { ... } }.'] };
  const clean = {};
  const ignored = [];
  const styleValue = getPath(def, 'pagination.style');
  const style = STYLES.some((s) => s.value === styleValue) ? styleValue : 'none';
  const walk = (obj, prefix) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const fields = FIELDS.filter((f) => f.path === path && !f.absent);
      if (fields.length) {
        const field = fields.find((f) => !f.style || f.style === style) ?? fields[0];
        if (field.style && field.style !== style && value !== null) {
          ignored.push(`${path} belongs to the ${field.style} style, but pagination.style is ${style}.`);
          continue;
        }
        const message = checkValue(field, value, path);
        if (message) ignored.push(message);
        else if (value !== null) setPath(clean, path, value);
      } else if (CONTAINERS.has(path)) {
        if (value === null) continue;
        if (!isObject(value)) ignored.push(`${path} must be an object.`);
        else walk(value, path);
      } else {
        ignored.push(`Unknown field: ${path}.`);
      }
    }
  };
  walk(def, '');
  return { clean, ignored };
}
