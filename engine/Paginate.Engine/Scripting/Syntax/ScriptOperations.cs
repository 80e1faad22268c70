using System.Collections.Frozen;

namespace Paginate.Engine.Scripting.Syntax;

/// <summary>The operation table: a name not listed here is a parse error, never a run-time lookup.</summary>
internal static class ScriptOperations
{
    private static readonly ScriptOperationInfo[] s_all =
    [
        new("pager.stop", ScriptOperation.PagerStop, 1, 1),
        new("pager.pageCount", ScriptOperation.PagerPageCount, 0, 0),
        new("log", ScriptOperation.Log, 0, 32),
        new("response.header.get", ScriptOperation.ResponseHeaderGet, 1, 1),
        new("response.header.getNextLink", ScriptOperation.ResponseHeaderGetNextLink, 0, 0),
        new("response.header.getLastLink", ScriptOperation.ResponseHeaderGetLastLink, 0, 0),
        new("response.body.get", ScriptOperation.ResponseBodyGet, 1, 1),
        new("response.status.get", ScriptOperation.ResponseStatusGet, 0, 0),
        new("request.header.put", ScriptOperation.RequestHeaderPut, 2, 2),
        new("request.header.remove", ScriptOperation.RequestHeaderRemove, 1, 1),
        new("request.header.clear", ScriptOperation.RequestHeaderClear, 0, 0),
        new("request.header.get", ScriptOperation.RequestHeaderGet, 1, 1),
        new("request.query.put", ScriptOperation.RequestQueryPut, 2, 2),
        new("request.query.remove", ScriptOperation.RequestQueryRemove, 1, 1),
        new("request.query.clear", ScriptOperation.RequestQueryClear, 0, 0),
        new("request.query.get", ScriptOperation.RequestQueryGet, 1, 1),
        new("request.body.put", ScriptOperation.RequestBodyPut, 2, 2),
        new("request.body.remove", ScriptOperation.RequestBodyRemove, 1, 1),
        new("request.body.clear", ScriptOperation.RequestBodyClear, 0, 0),
        new("request.body.get", ScriptOperation.RequestBodyGet, 1, 1),
        new("request.body.set", ScriptOperation.RequestBodySet, 1, 1),
        new("request.uri.set", ScriptOperation.RequestUriSet, 1, 1),
        new("request.uri.append", ScriptOperation.RequestUriAppend, 1, 1),
        new("request.uri.replace", ScriptOperation.RequestUriReplace, 2, 2),
        new("request.uri.get", ScriptOperation.RequestUriGet, 0, 0),
        new("request.ratelimit.set", ScriptOperation.RequestRateLimitSet, 4, 4),
        new("json.get", ScriptOperation.JsonGet, 2, 2),
        new("json.add", ScriptOperation.JsonAdd, 3, 3),
        new("json.remove", ScriptOperation.JsonRemove, 2, 2),
        new("increment", ScriptOperation.Increment, 1, 1),
        new("decrement", ScriptOperation.Decrement, 1, 1),
        new("toNumber", ScriptOperation.ToNumber, 1, 1),
        new("toString", ScriptOperation.ToText, 1, 1),
    ];

    private static readonly FrozenDictionary<string, ScriptOperationInfo> s_byName =
        s_all.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    public static IReadOnlyList<ScriptOperationInfo> All => s_all;

    public static bool TryFind(string name, out ScriptOperationInfo operation) => s_byName.TryGetValue(name, out operation!);
}
