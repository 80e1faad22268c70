using Paginate.Engine.Runners;

namespace Paginate.Engine.Shaping;

/// <summary>Builds the shaper of a shape mode, compiling select paths once.</summary>
public static class ItemShapers
{
    public static IItemShaper Create(ShapeSpec spec) => throw new NotImplementedException("engine: shaping");
}
