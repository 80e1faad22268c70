using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

public sealed class FieldErrorsTests
{
    [Fact]
    public void Add_KeepsEveryFieldAndMessageInOrder_AndARepeatedMessageOnce()
    {
        var errors = new FieldErrors();
        errors.Add("b", "first");
        errors.Add("a", "one");
        errors.Add("b", "second");
        errors.Add("b", "first");

        var frozen = errors.ToDictionary();

        Assert.Equal(2, errors.Count);
        Assert.Equal(["first", "second"], frozen["b"]);
        Assert.Equal(["one"], frozen["a"]);
    }

    [Fact]
    public void AddAll_PrefixesEveryField()
    {
        var errors = new FieldErrors();
        errors.AddAll(new Dictionary<string, string[]> { ["limits.max_pages"] = ["too big", "not whole"] }, "config.");

        Assert.Equal(["config.limits.max_pages"], errors.ToDictionary().Keys);
        Assert.Equal(["too big", "not whole"], errors.ToDictionary()["config.limits.max_pages"]);
    }

    [Fact]
    public void ToDictionary_IsACopyThatLaterErrorsDoNotChange()
    {
        var errors = new FieldErrors();
        errors.Add("a", "one");
        var frozen = errors.ToDictionary();

        errors.Add("a", "two");
        errors.Add("c", "three");

        Assert.Equal(["one"], frozen["a"]);
        Assert.Single(frozen);
    }

    [Fact]
    public void ReaderAndValidator_ReportEveryErrorThroughTheSameCollector()
    {
        Assert.False(RunnerDefinitionReader.TryRead("""{"name":"x","nope":1,"limits":{"max_pages":"ten","also":2}}""", out _, out var errors));

        Assert.Equal(3, errors.Count);
        Assert.Equal(["nope", "limits.max_pages", "limits.also"], errors.Keys);
    }
}
