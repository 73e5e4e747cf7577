namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Versions of the test packages generated test projects use: the ones ApiBuilder's own tests use
/// (Directory.Packages.props; a test keeps them equal), so they restore wherever ApiBuilder builds.
/// </summary>
internal static class TestPackages
{
    public const string TestSdk = "18.0.1";
    public const string Xunit = "2.9.3";
    public const string XunitRunner = "3.1.5";
}
