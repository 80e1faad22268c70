namespace Paginate.Engine.Runners;

/// <summary>
/// A placeholder of the runner has no value in the call. Carries the placeholder NAME only: values are secrets
/// (keys, emails) and never appear in an exception.
/// </summary>
public sealed class MissingPlaceholderException : Exception
{
    public MissingPlaceholderException(string name)
        : base($"missing value for placeholder '{name}'")
    {
        Name = name;
    }

    public MissingPlaceholderException()
        : this(string.Empty)
    {
    }

    public MissingPlaceholderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = string.Empty;
    }

    /// <summary>The placeholder's name, e.g. <c>email</c>.</summary>
    public string Name { get; }
}
