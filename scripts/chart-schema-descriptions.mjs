// Copies the `## @param` / `## @extra` / `## @object` descriptions of the chart's values.yaml into values.schema.json,
// so a value is described in one place. With --check it changes nothing and fails when a schema
// property has no description or differs from values.yaml. Node 18+, no packages.
import { readFileSync, writeFileSync } from "node:fs";

const [chart = "deploy/helm/paginate", mode = ""] = process.argv.slice(2);
const valuesPath = `${chart}/values.yaml`;
const schemaPath = `${chart}/values.schema.json`;

const described = new Map();
for (const line of readFileSync(valuesPath, "utf8").split("\n")) {
  const m = line.match(/^\s*## @(?:param|extra|object) (\S+) (.+)$/);
  if (m) described.set(m[1], m[2].trim());
}

const original = readFileSync(schemaPath, "utf8");
const schema = JSON.parse(original);
const problems = [];

// walk(node, path): node is a schema; its "properties" are values keys, its "items" an array's element.
function walk(node, path) {
  if (!node || typeof node !== "object") return;
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const text = described.get(childPath);
    if (text) child.description = text;
    else if (!child.description) problems.push(`${childPath}: no description (add "## @param ${childPath} ..." to values.yaml)`);
    walk(child, childPath);
  }
  if (node.items) walk(node.items, `${path}[0]`);
}
walk(schema, "");

const updated = JSON.stringify(schema, null, 2) + "\n";
if (mode === "--check") {
  if (updated !== original) problems.push(`${schemaPath} is out of date: run scripts/chart-docs.sh`);
} else if (updated !== original) {
  writeFileSync(schemaPath, updated);
}
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
