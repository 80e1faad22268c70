using Paginate.Engine.Upstream;

namespace Paginate.Engine.Tests.Upstream;

public sealed class RetryPipelinesTests
{
    [Fact]
    public void Get_FromTwoInstancesOnOneClock_ReturnsTheSamePipeline()
    {
        // The gateway makes a page loop, and so a RetryPipelines, per call: sharing must hold across instances.
        var time = new RecordingTimeProvider();

        var first = new RetryPipelines(time).Get(3, 1000);
        var second = new RetryPipelines(time).Get(3, 1000);

        Assert.Same(first, second);
    }

    [Fact]
    public void Get_OtherLimitsOrAnotherClock_BuildsAnother()
    {
        var time = new RecordingTimeProvider();
        var pipelines = new RetryPipelines(time);

        var baseline = pipelines.Get(3, 1000);

        Assert.NotSame(baseline, pipelines.Get(4, 1000));
        Assert.NotSame(baseline, pipelines.Get(3, 500));
        Assert.NotSame(baseline, new RetryPipelines(new RecordingTimeProvider()).Get(3, 1000));
    }
}
