namespace Paginate.Engine.Runners;

/// <summary>
/// The one collector of validation errors by field path (<c>pagination.limit_param</c>, <c>test_query.id</c>),
/// used by the definition reader, the validator, the compiler and every admin endpoint, so the
/// <c>errors</c> object of a 400 is built one way: every error is kept (validators report all, not the
/// first), in the order found, and a message repeated for the same field is kept once.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>How many fields have at least one error.</summary>
    public int Count => _errors.Count;

    /// <summary>Adds <paramref name="message"/> under <paramref name="field"/> unless that field already has it.</summary>
    public void Add(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    /// <summary>Adds every error of <paramref name="errors"/>, each field path behind <paramref name="prefix"/>.</summary>
    public void AddAll(IEnumerable<KeyValuePair<string, string[]>> errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Add(prefix + field, message);
            }
        }
    }

    /// <summary>A frozen copy, the shape of a problem's <c>errors</c> member.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One error for one field.</summary>
    public static IReadOnlyDictionary<string, string[]> Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToDictionary();
    }
}
