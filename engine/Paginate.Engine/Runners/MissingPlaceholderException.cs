namespace Paginate.Engine.Runners;

/// <summary>A placeholder of the runner has no value in the call.</summary>
public sealed class MissingPlaceholderException : PlaceholderException
{
    public MissingPlaceholderException(string name)
        : base(name, $"missing value for placeholder '{name}'")
    {
    }
}
