using System.Globalization;

namespace Paginate.Engine.Runners;

/// <summary>
/// The JSON Schema (draft 2020-12) of a runner definition, with descriptions, enums, defaults and ranges. Served at
/// <c>GET /api/schema/runner</c> and given to the setup prompt builder. Hand-written so the descriptions read well;
/// its defaults come from <see cref="RunnerDefaults"/>; a test keeps it in step with the model records and the validation ranges.
/// </summary>
public static class RunnerSchema
{
    /// <summary>The schema as JSON text; every <c>default</c> is filled from <see cref="RunnerDefaults"/>.</summary>
    public static string Json { get; } = string.Create(CultureInfo.InvariantCulture, $$$"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:paginate:runner-definition",
  "title": "Paginate runner definition",
  "description": "One saved, immutable recipe: which upstream endpoint to call, how it paginates, where the items are, how to shape them, and the safety limits. JSON is snake_case; unknown fields are rejected.",
  "type": "object",
  "additionalProperties": false,
  "required": ["name", "request"],
  "properties": {
    "name": { "type": "string", "minLength": 1, "maxLength": 200, "description": "Human name shown in the admin UI." },
    "description": { "type": ["string", "null"], "maxLength": 2000, "description": "Optional free text: what the runner is for." },
    "request": { "$ref": "#/$defs/request" },
    "pagination": { "$ref": "#/$defs/pagination" },
    "response": { "$ref": "#/$defs/response" },
    "shape": { "$ref": "#/$defs/shape" },
    "limits": { "$ref": "#/$defs/limits" },
    "cache": { "$ref": "#/$defs/cache" }
  },
  "$defs": {
    "request": {
      "description": "The first upstream request of a run. Placeholders {{name}} (names match [A-Za-z_][A-Za-z0-9_]{0,63}) are filled from the incoming call's query string, then from top-level fields of its JSON body; a missing one is a 400.",
      "type": "object",
      "additionalProperties": false,
      "required": ["url"],
      "properties": {
        "method": { "enum": ["GET", "POST"], "default": "{{{RunnerDefaults.Method}}}", "description": "HTTP method of every upstream request." },
        "url": {
          "type": "string",
          "pattern": "^https?://[^/?#{}@]+([/?].*)?$",
          "description": "Absolute https URL (http only where the deployment allows private upstreams). {{name}} placeholders may appear anywhere in the path or query, never in the scheme or host; values are URL-encoded. No user name or password, no fragment.",
          "examples": ["https://api.stripe.com/v1/customers?limit=100&email={{email}}"]
        },
        "forward_headers": {
          "type": "array",
          "default": [],
          "uniqueItems": true,
          "items": { "$ref": "#/$defs/header_name" },
          "description": "Header NAMES whose values are copied from the incoming call onto every upstream request (e.g. Authorization). Values are never stored or logged. Hop-by-hop headers, Host, Content-Length and x-clay-paginate-token cannot be forwarded."
        },
        "static_headers": {
          "type": "object",
          "default": {},
          "propertyNames": {
            "$ref": "#/$defs/header_name",
            "not": {
              "anyOf": [
                { "pattern": "^[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]$" },
                { "pattern": "^[Pp][Rr][Oo][Xx][Yy]-[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]$" },
                { "pattern": "^[Cc][Oo][Oo][Kk][Ii][Ee]$" },
                { "pattern": "[Tt][Oo][Kk][Ee][Nn]" },
                { "pattern": "[Ss][Ee][Cc][Rr][Ee][Tt]" },
                { "pattern": "[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd]" },
                { "pattern": "[Kk][Ee][Yy]" }
              ]
            }
          },
          "additionalProperties": { "type": "string", "pattern": "^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$" },
          "description": "Non-secret headers stored with the runner, e.g. { \"Stripe-Version\": \"2024-06-20\" }. Credential names (Authorization, Proxy-Authorization, Cookie, X-Api-Key, Api-Key, or any name containing token, secret, password or key) are rejected: credentials come from Clay at run time, list them in forward_headers."
        },
        "body": {
          "type": ["object", "array", "null"],
          "default": null,
          "description": "JSON template sent with POST only. Placeholders are allowed inside string values (JSON-escaped); a string that is exactly \"{{name}}\" becomes the value as a string. Keys are not expanded."
        }
      },
      "if": { "properties": { "method": { "const": "GET" } } },
      "then": { "properties": { "body": { "type": "null" } } }
    },
    "header_name": {
      "type": "string",
      "pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
      "description": "An HTTP header name (RFC 9110 token)."
    },
    "param_placement": {
      "type": "object",
      "additionalProperties": false,
      "required": ["name"],
      "properties": {
        "in": { "enum": ["query", "header", "body"], "default": "query", "description": "Where the value goes on the next request. 'body' needs method POST and a request body." },
        "name": { "type": "string", "minLength": 1, "description": "Query parameter or header name; for 'body' a JSON Pointer (RFC 6901) into the request body, e.g. /variables/after." }
      },
      "if": { "required": ["in"], "properties": { "in": { "const": "body" } } },
      "then": { "properties": { "name": { "pattern": "^/" } } },
      "description": "Where a pagination parameter goes: { \"in\": \"query\" | \"header\" | \"body\", \"name\": \"...\" }."
    },
    "path": {
      "type": ["string", "null"],
      "description": "Dot notation with indexes (data.items, links.next, data[0].id, data[-1].id for the last element, pageInfo.endCursor) or, when it starts with '/', a JSON Pointer (RFC 6901; use it for keys holding '.', '[', ']' or spaces). '$last_item.' evaluates the rest on the last item of the page (cursor_path and next_offset_path only)."
    },
    "pagination": {
      "description": "How the next page is requested. 'style' picks which other keys apply; keys of other styles are rejected. Every style also stops at limits.max_pages, limits.max_items, an empty page (limits.stop_on_empty_page), a repeated next request (limits.stop_on_repeated_next), and a next link leaving the request.url origin.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "style": {
          "enum": ["none", "page_number", "offset", "cursor", "next_link", "link_header", "script"],
          "default": "none",
          "description": "none: one request. page_number: page + 1. offset: offset + items received (or next_offset_path). cursor: a cursor from the response sent in cursor_param. next_link: follow a URL found in the body. link_header: follow the RFC 8288 Link rel=\"next\". script: a paging script decides."
        },
        "page_param": { "$ref": "#/$defs/param_placement", "default": { "in": "query", "name": "{{{RunnerDefaults.PageParamName}}}" }, "description": "page_number: where the page number goes." },
        "start_page": { "type": "integer", "minimum": 0, "default": {{{RunnerDefaults.StartPage}}}, "description": "page_number: the first page's number." },
        "page_size": { "type": ["integer", "null"], "minimum": 1, "maximum": 100000, "default": null, "description": "page_number: items per page; a shorter page stops the run. Sent in page_size_param when that is set." },
        "page_size_param": { "$ref": "#/$defs/param_placement", "description": "page_number: where page_size is sent (needs page_size). Not sent when left out. Must differ from page_param (default query 'page')." },
        "total_pages_path": { "$ref": "#/$defs/path", "default": null, "description": "page_number: path to the total number of pages; the run stops at it and limits.max_concurrency can fetch the rest at once." },
        "current_page_path": { "$ref": "#/$defs/path", "default": null, "description": "page_number: path to the API's own current page number, used as the base for the next page instead of the local counter." },
        "offset_param": { "$ref": "#/$defs/param_placement", "default": { "in": "query", "name": "{{{RunnerDefaults.OffsetParamName}}}" }, "description": "offset: where the offset goes." },
        "limit_param": { "$ref": "#/$defs/param_placement", "default": { "in": "query", "name": "{{{RunnerDefaults.LimitParamName}}}" }, "description": "offset: where the limit goes. Must differ from offset_param (query names exactly, header names in any case, body pointers neither equal nor nested)." },
        "limit": { "type": "integer", "minimum": 1, "maximum": 100000, "default": {{{RunnerDefaults.Limit}}}, "description": "offset: items requested per page; fewer items stop the run." },
        "start_offset": { "type": "integer", "minimum": 0, "default": {{{RunnerDefaults.StartOffset}}}, "description": "offset: the first request's offset." },
        "total_path": { "$ref": "#/$defs/path", "default": null, "description": "offset: path to the total number of items; the run stops when the offset reaches it." },
        "next_offset_path": { "$ref": "#/$defs/path", "default": null, "description": "offset: path to the next offset given by the API (used instead of offset + items received)." },
        "has_more_path": { "$ref": "#/$defs/path", "default": null, "description": "offset and cursor: path to a boolean; false stops the run." },
        "cursor_path": { "$ref": "#/$defs/path", "description": "cursor (required): path to the next cursor, e.g. meta.next_cursor, pageInfo.endCursor, or $last_item.id for Stripe-style cursors. Null, empty or missing stops the run." },
        "cursor_param": { "$ref": "#/$defs/param_placement", "description": "cursor (required): where the cursor goes, e.g. { \"in\": \"query\", \"name\": \"starting_after\" } or { \"in\": \"body\", \"name\": \"/variables/after\" }. In a body the cursor keeps its JSON type (a number stays a number); in a query or header it is text. Must not be the same parameter as another pagination parameter." },
        "next_link_path": { "$ref": "#/$defs/path", "default": null, "description": "next_link: path to the next URL (absolute, or relative to the current URL). When not set: links.next, then next, then paging.next.link." },
        "script": { "type": "string", "minLength": 1, "maxLength": 65536, "description": "script (required): the paging script run after each page (statements end in ';', @pager.stop(expr), response.body.get(pointer), request.query.put(...), ...)." }
      },
      "allOf": [
        { "if": { "properties": { "style": { "const": "none" } } }, "then": { "propertyNames": { "enum": ["style"] } } },
        { "if": { "required": ["style"], "properties": { "style": { "const": "link_header" } } }, "then": { "propertyNames": { "enum": ["style"] } } },
        {
          "if": { "required": ["style"], "properties": { "style": { "const": "page_number" } } },
          "then": { "propertyNames": { "enum": ["style", "page_param", "start_page", "page_size", "page_size_param", "total_pages_path", "current_page_path"] } }
        },
        {
          "if": { "required": ["style"], "properties": { "style": { "const": "offset" } } },
          "then": { "propertyNames": { "enum": ["style", "offset_param", "limit_param", "limit", "start_offset", "total_path", "next_offset_path", "has_more_path"] } }
        },
        {
          "if": { "required": ["style"], "properties": { "style": { "const": "cursor" } } },
          "then": { "required": ["cursor_path", "cursor_param"], "propertyNames": { "enum": ["style", "cursor_path", "cursor_param", "has_more_path"] } }
        },
        {
          "if": { "required": ["style"], "properties": { "style": { "const": "next_link" } } },
          "then": { "propertyNames": { "enum": ["style", "next_link_path"] } }
        },
        {
          "if": { "required": ["style"], "properties": { "style": { "const": "script" } } },
          "then": { "required": ["script"], "propertyNames": { "enum": ["style", "script"] } }
        }
      ]
    },
    "response": {
      "description": "Where each page's items are.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "items_path": { "type": ["string", "null"], "description": "Path to the items array (dot notation or JSON Pointer, see $defs/path; no $last_item). Leave out or \"\" when the response body itself is the array. A path holding null is an empty page." }
      }
    },
    "shape": {
      "description": "How each item is written to the answer.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "mode": {
          "enum": ["full", "flatten_jsonapi", "select"],
          "default": "full",
          "description": "full: items as returned. flatten_jsonapi: JSON:API resources become { id, type, ...attributes } with relationship ids as <name>_id / <name>_ids. select: only the fields listed."
        },
        "fields": {
          "type": ["array", "null"],
          "minItems": 1,
          "maxItems": 200,
          "items": { "type": "string", "pattern": "^[^:]+:.+$" },
          "description": "select only (required there): 'output_name:path' or 'output_name:path:type' lines, e.g. 'email:attributes.email', 'city:address.city', 'first_tag:tags[0]', 'amount:amount:number'. Output names are unique; a missing value is null. The optional type is string, number, integer or boolean: a numeric string becomes a number, a number or boolean a string, \"true\"/\"false\" a boolean; a value that cannot be converted becomes null and is counted in meta.type_errors (present only when a field has a type). Any other type is rejected."
        }
      },
      "if": { "required": ["mode"], "properties": { "mode": { "const": "select" } } },
      "then": { "required": ["fields"], "properties": { "fields": { "type": "array" } } },
      "else": { "properties": { "fields": { "type": "null" } } }
    },
    "limits": {
      "description": "Safety limits of a run. Every field has a default.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "max_pages": { "type": "integer", "minimum": 1, "maximum": 1000, "default": {{{RunnerDefaults.MaxPages}}}, "description": "Safety cap on pages fetched (not the number of pages to fetch)." },
        "max_items": { "type": ["integer", "null"], "minimum": 1, "maximum": 1000000, "default": null, "description": "Stop after this many items, truncating the last page exactly. Null: no cap." },
        "stop_on_empty_page": { "type": "boolean", "default": {{{Bool(RunnerDefaults.StopOnEmptyPage)}}}, "description": "Stop at the first page with no items, for every style. When false, an empty page is followed and the style's own signals end the run (short page, total, has_more, no next cursor or link)." },
        "stop_on_repeated_next": { "type": "boolean", "default": {{{Bool(RunnerDefaults.StopOnRepeatedNext)}}}, "description": "Stop when a next link, cursor, page or offset was already requested." },
        "page_delay_ms": { "type": "integer", "minimum": 0, "maximum": 60000, "default": {{{RunnerDefaults.PageDelayMs}}}, "description": "Pause between pages." },
        "max_retries": { "type": "integer", "minimum": 0, "maximum": 10, "default": {{{RunnerDefaults.MaxRetries}}}, "description": "Retries per page for 429, 502, 503, 504 and network faults." },
        "retry_delay_ms": { "type": "integer", "minimum": 0, "maximum": 60000, "default": {{{RunnerDefaults.RetryDelayMs}}}, "description": "Base retry delay, exponential with jitter; a Retry-After header wins." },
        "page_timeout_ms": { "type": "integer", "minimum": 100, "maximum": 300000, "default": {{{RunnerDefaults.PageTimeoutMs}}}, "description": "Timeout of one page request including its body; at most total_timeout_ms." },
        "total_timeout_ms": { "type": "integer", "minimum": 100, "maximum": 900000, "default": {{{RunnerDefaults.TotalTimeoutMs}}}, "description": "Timeout of the whole run; after page 1 the items so far are returned with stop_reason timeout." },
        "max_concurrency": { "type": "integer", "minimum": 1, "maximum": 16, "default": {{{RunnerDefaults.MaxConcurrency}}}, "description": "page_number and offset only: pages fetched at once when page 1 reveals the total (total_pages_path, total_path), else pages requested ahead, at most max_concurrency - 1 past the end. Other styles need 1." },
        "stop_on_repeated_page": { "type": "boolean", "default": {{{Bool(RunnerDefaults.StopOnRepeatedPage)}}}, "description": "Stop when a page body is byte-identical to an earlier page of the same call (APIs that ignore the page parameter); that page's items are not returned again." },
        "rate_limit": {
          "oneOf": [{ "type": "null" }, { "$ref": "#/$defs/rate_limit" }],
          "default": null,
          "description": "A rate budget shared by every call of this runner on every gateway. Null: no budget."
        }
      }
    },
    "rate_limit": {
      "description": "Every upstream request of the runner (retries included) takes one token; a call waits for tokens within its timeouts and reports the wait in meta.rate_wait_ms.",
      "type": "object",
      "additionalProperties": false,
      "required": ["requests_per_second"],
      "properties": {
        "requests_per_second": { "type": "number", "minimum": 0.01, "maximum": 10000, "description": "Sustained upstream requests per second across every gateway." },
        "burst": { "type": ["integer", "null"], "minimum": 1, "maximum": 10000, "default": null, "description": "Requests that may go at once after a quiet spell. Null: max(1, ceil(requests_per_second))." },
        "scope": { "enum": ["runner", "credential"], "default": "runner", "description": "runner: one budget for the runner; credential: one budget per distinct set of forwarded header values (keyed by a keyed hash, never the value)." }
      }
    },
    "cache": {
      "description": "Answer cache: a complete answer is kept in the gateway's memory (never in Redis) for the TTL, keyed over the runner, every placeholder value and every forwarded header value (hashed).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "ttl_seconds": { "type": "integer", "minimum": 0, "maximum": 3600, "default": {{{RunnerDefaults.CacheTtlSeconds}}}, "description": "Seconds an answer is kept; 0 turns the cache off." }
      }
    }
  }
}
""");

    private static string Bool(bool value) => value ? "true" : "false";
}
