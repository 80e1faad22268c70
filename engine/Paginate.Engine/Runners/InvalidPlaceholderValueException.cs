namespace Paginate.Engine.Runners;

/// <summary>
/// A placeholder value would change which resource the URL names: <c>.</c> or <c>..</c> as a whole path segment,
/// which URL parsers collapse (even when percent-encoded), climbing out of the runner's path.
/// </summary>
public sealed class InvalidPlaceholderValueException : PlaceholderException
{
    public InvalidPlaceholderValueException(string name)
        : base(name, $"placeholder '{name}' cannot be '.' or '..' in the URL path")
    {
    }
}
