using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

/// <summary>Names and descriptions travel into mail, logs and the UI: no control character may be in them.</summary>
public sealed class NameDescriptionValidationTests
{
    [Theory]
    [InlineData("Stripe\ncustomers", "U+000A at position 7")]
    [InlineData("Stripe\r\ncustomers", "U+000D at position 7")]
    [InlineData("Stripe\0", "U+0000 at position 7")]
    [InlineData("\tStripe", "U+0009 at position 1")]
    [InlineData("Stripe\u007F", "U+007F at position 7")]
    [InlineData("Stripe\u0085x", "U+0085 at position 7")]
    [InlineData("Stripe\u2028x", "U+2028 at position 7")]
    public void Name_WithControlCharacter_IsRefused_NamingTheField(string name, string where)
    {
        OnlyError(RunnerSamples.Stripe() with { Name = name }, "name", where);
    }

    [Theory]
    [InlineData("All customers\nfor Clay", "U+000A at position 14")]
    [InlineData("All\u009Bcustomers", "U+009B at position 4")]
    public void Description_WithControlCharacter_IsRefused_NamingTheField(string description, string where)
    {
        OnlyError(RunnerSamples.Stripe() with { Description = description }, "description", where);
    }

    [Fact]
    public void NameAndDescription_WithUnicodeText_AreValid()
    {
        Valid(RunnerSamples.Stripe() with { Name = "Clients Stripe — été 2026 (ß, 東京, emoji 🙂)", Description = "Tous les clients; « quotes » & symbols ±" });
    }
}
