namespace Paginate.Engine.Runners;

/// <summary>
/// A placeholder of the runner cannot be filled from the call (a 400 for the caller). Carries the placeholder NAME
/// only: values are secrets (keys, emails) and never appear in an exception.
/// </summary>
public abstract class PlaceholderException : Exception
{
    protected PlaceholderException(string name, string message)
        : base(message)
    {
        Name = name;
    }

    /// <summary>The placeholder's name, e.g. <c>email</c>.</summary>
    public string Name { get; }
}
