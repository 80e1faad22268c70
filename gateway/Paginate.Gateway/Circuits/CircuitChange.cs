namespace Paginate.Gateway.Circuits;

/// <summary>What one reported upstream result did to an origin's circuit.</summary>
internal enum CircuitChange
{
    None,
    Opened,
    Closed,
}
