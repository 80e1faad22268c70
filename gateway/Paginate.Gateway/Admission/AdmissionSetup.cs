using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Paginate.Gateway.Admission;

internal static class AdmissionSetup
{
    /// <summary>Time after the drain for the record flush and the server's own stop.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(15);

    /// <summary>Concurrency and page-buffer limits, and draining at shutdown.</summary>
    public static IServiceCollection AddCallAdmission(this IServiceCollection services)
    {
        services.AddSingleton<CallAdmission>();
        services.AddSingleton<PageBufferBudget>();
        services.AddHostedService<DrainService>();
        // The host's default 30 s would cut calls that the drain promises up to Gateway:DrainSeconds.
        services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(gateway.Value.DrainSeconds) + DrainService.UnwindLimit + ShutdownMargin);
        return services;
    }
}
