// The peer of the Paginate benchmarks: the same page_number pages fetched with got.
// One long-lived process, so every timed call runs warm, like the gateway and the C# loop.
// Protocol: one JSON request per stdin line, one JSON answer per stdout line.
//   in:  { "id": 1, "url": "http://127.0.0.1:P/pages?page=1&per_page=100&pages=20&delay_ms=20", "concurrency": 1 }
//   out: { "id": 1, "ms": 423.1, "items": 2000, "pages": 20 }   or   { "id": 1, "error": "..." }
// concurrency 1 is got.paginate.all as documented. got has no parallel paginator, so for
// concurrency > 1 page 1 is fetched with got, its total_pages read, and the remaining pages
// fetched with got by a pool of that many workers; items are kept in page order.
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import got from 'got';

const json = { responseType: 'json', retry: { limit: 0 }, timeout: { request: 120000 } };

function withPage(url, page) {
  const next = new URL(url);
  next.searchParams.set('page', String(page));
  return next.toString();
}

async function sequential(url) {
  let pages = 0;
  const items = await got.paginate.all(url, {
    ...json,
    pagination: {
      transform: (response) => { pages++; return response.body.data; },
      paginate: ({ response }) => {
        const body = response.body;
        return body.page < body.total_pages ? { url: new URL(withPage(response.url, body.page + 1)) } : false;
      },
      countLimit: Infinity,
      requestLimit: 100000,
      stackAllItems: false,
    },
  });
  return { items: items.length, pages };
}

async function parallel(url, concurrency) {
  const first = await got(url, json).json();
  const total = first.total_pages;
  const results = new Array(Math.max(total, 1));
  results[0] = first.data;
  let next = first.page + 1;
  const worker = async () => {
    while (next <= total) {
      const page = next++;
      const body = await got(withPage(url, page), json).json();
      results[page - first.page] = body.data;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const items = results.flat();
  return { items: items.length, pages: results.length };
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  try {
    const start = performance.now();
    const result = request.concurrency > 1 ? await parallel(request.url, request.concurrency) : await sequential(request.url);
    const ms = performance.now() - start;
    process.stdout.write(JSON.stringify({ id: request.id, ms, ...result }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ id: request.id, error: String(error && error.message || error) }) + '\n');
  }
}
