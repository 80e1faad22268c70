using System.Globalization;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;

namespace Paginate.Engine.Strategies;

/// <summary>Reads pagination values (numbers, flags, tokens) leniently: APIs send numbers as strings too.</summary>
internal static class PagingValues
{
    /// <summary>The value at <paramref name="path"/>, or false when the path is unset, missing or JSON null.</summary>
    public static bool TryGet(JsonPath? path, PageResponse response, out JsonElement value)
    {
        value = default;
        if (path is null || !response.TryGet(path, out value))
        {
            return false;
        }

        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    public static bool TryGetInt64(JsonPath? path, PageResponse response, out long number)
    {
        number = 0;
        return TryGet(path, response, out var value) && TryGetInt64(value, out number);
    }

    public static bool TryGetInt64(JsonElement value, out long number)
    {
        number = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out number))
                {
                    return true;
                }

                if (value.TryGetDouble(out var d) && d is >= long.MinValue and <= long.MaxValue && Math.Floor(d) == d)
                {
                    number = (long)d;
                    return true;
                }

                return false;
            case JsonValueKind.String:
                return long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }

    /// <summary>A has_more flag: JSON true/false, or the strings "true"/"false" (any case).</summary>
    public static bool TryGetBoolean(JsonPath? path, PageResponse response, out bool flag)
    {
        flag = false;
        if (!TryGet(path, response, out var value))
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                flag = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetString(), out flag);
            case JsonValueKind.Number:
                flag = value.TryGetInt64(out var n) && n != 0;
                return true;
            default:
                return false;
        }
    }
}
