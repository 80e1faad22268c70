namespace Paginate.Gateway.Access;

/// <summary>The access decision for one call; the denial reasons are the <c>reason</c> label values.</summary>
internal enum AccessOutcome
{
    AllowedByNetwork,
    AllowedByToken,
    DeniedNoToken,
    DeniedInvalidToken,

    /// <summary>The catalog could not refresh for longer than the stale-token grace: no token is honoured.</summary>
    DeniedStaleToken,
}
