namespace Paginate.DemoApi;

/// <summary>The plain-text route list served at <c>/</c>.</summary>
internal static class Usage
{
    public const string Text = """
        Paginate demo API: the same deterministic customer list, paged seven ways.

          GET /pages?page=N&per_page=M        page_number: { data, page, per_page, total_pages, total }
          GET /offset?offset=O&limit=L        offset:      { results, offset, limit, total }
          GET /cursor?starting_after=ID&limit=L  cursor:   { object, data[].id, has_more } (Stripe-like)
          GET /links?page=N                   next link:   { data, links: { next } } (relative link)
          GET /github?page=N&per_page=M       Link header: root array + Link: <...>; rel="next" (GitHub-like)
          GET /items                          one root array, no paging
          POST /graphql  {"variables":{"first":N,"after":ID}}  body cursor: data.customers.nodes,
                                              data.customers.pageInfo.{hasNextPage,endCursor}

        Knobs on every route:
          items=N       items per page (default 20; per_page/limit win where the route has them)
          pages=N       total pages (default 5); total items = pages * items unless total=N is given
          total=N       total items
          item_bytes=N  padding per item in a "pad" field (default 0, at most 1048576)
          delay_ms=N    latency added to every page (default 0, at most 60000)
          fail_page=N   answer this page with fail_status (default 503) instead
          require_auth=1  answer 401 unless an Authorization header is present
        """;
}
