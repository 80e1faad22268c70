// The runner JSON Schema from GET /api/schema/runner: the one home of defaults and bounds. The wizard reads
// them from here instead of repeating them, and shows the fields a newer engine adds once the schema has them.

import { get } from '../api.js';
import { FIELDS } from './fields.js';

let loading = null;

/** The schema, fetched once per page load. */
export function loadSchema() {
  loading ??= get('/api/schema/runner').catch((error) => { loading = null; throw error; });
  return loading;
}

function resolve(schema, node) {
  let current = node;
  for (let i = 0; current && i < 8; i += 1) {
    if (current.$ref?.startsWith('#/')) {
      current = current.$ref.slice(2).split('/').reduce((o, k) => o?.[k], schema);
    } else if (!current.properties && (current.anyOf || current.oneOf)) {
      current = (current.anyOf ?? current.oneOf).find((b) => b.$ref || b.properties) ?? null;
    } else {
      break;
    }
  }
  return current;
}

/** The schema of the property at a dotted path (`limits.rate_limit.burst`), or undefined. */
export function schemaAt(schema, path) {
  let node = schema;
  for (const key of path.split('.')) {
    node = resolve(schema, node)?.properties?.[key];
    if (!node) return undefined;
  }
  // Keep the property's own default and description; take type and bounds from what it refers to.
  const target = resolve(schema, node) ?? {};
  return { ...target, ...node };
}

/**
 * Copies defaults, bounds and choices from the schema onto FIELDS (once), and marks the fields the schema
 * does not know (a newer runner field on an older engine) so the form leaves them out.
 */
export function applySchema(schema) {
  for (const field of FIELDS) {
    if (field.schemaApplied) continue;
    field.schemaApplied = true;
    const s = schemaAt(schema, field.path);
    if (!s) {
      field.absent = !!field.optionalInSchema;
      continue;
    }
    if (s.default !== undefined && s.default !== null) field.def = s.default;
    if (typeof s.minimum === 'number') field.min = s.minimum;
    if (typeof s.maximum === 'number') field.max = s.maximum;
    if (field.kind === 'select' && Array.isArray(s.enum)) field.options = s.enum.filter((v) => v !== null);
    // Typed select fields (CONTRACT §1 v2) are explained once the engine's schema describes them.
    if (field.path === 'shape.fields' && /\binteger\b/.test(s.description ?? '') && /\bboolean\b/.test(s.description ?? '')) {
      field.help = `${field.help} A line may end with a type, output_name:path:string, :number, :integer or :boolean, to convert the value (e.g. age:person.age:integer); a value that cannot be converted becomes null.`;
    }
  }
}
