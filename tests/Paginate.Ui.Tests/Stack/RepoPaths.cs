namespace Paginate.Ui.Tests.Stack;

/// <summary>Paths in the source tree, found from the test binaries by walking up to <c>Paginate.sln</c>.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>config-admin's project folder: its <c>wwwroot</c> is served as is, so no copy can go stale.</summary>
    public static string ConfigAdminProject => Path.Combine(Root, "config-admin", "Paginate.ConfigAdmin");

    /// <summary><c>artifacts/screenshots</c> at the repository root (git-ignored).</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paginate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Paginate.sln not found above {AppContext.BaseDirectory}");
    }
}
