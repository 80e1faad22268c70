namespace Paginate.ConfigAdmin.Hosting;

/// <summary>The <c>Gateway</c> keys the admin app shares with the gateway (CONTRACT §4).</summary>
public sealed record UpstreamPolicyOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// True only for local and dev deployments: allows http and loopback/private upstream addresses for
    /// dry runs and detection, as the gateway does for live calls. Default false.
    /// </summary>
    public bool AllowPrivateUpstreams { get; init; }
}
