using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Processes;

namespace ApiBuilder.Cli.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("ships-server", "ShipsServer")]
    [InlineData("my_api.v2", "MyApi.V2")]
    [InlineData("2fast", "Server2fast")]
    [InlineData("---", "ApiServer")]
    public void ProjectNamesComeFromFolderNames(string folder, string name)
    {
        Assert.Equal(name, ApiNames.ProjectNameFromFolder(folder));
        ApiNames.CheckProjectName(name);
    }

    [Theory]
    [InlineData("Acme.ShipsServer", "acme-ships-server")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Fleet", "fleet")]
    public void ServerNamesAreKebabCase(string name, string kebab) => Assert.Equal(kebab, ApiNames.Kebab(name));

    [Theory]
    [InlineData("v1alpha1", "V1Alpha1")]
    [InlineData("v2beta3", "V2Beta3")]
    [InlineData("v1", "V1")]
    public void VersionsBecomeNamespaceSegments(string version, string pascal) => Assert.Equal(pascal, ApiNames.VersionPascal(version));

    [Fact]
    public void BuildErrorsAreTheCompilerAndMsBuildErrorLines()
    {
        string[] output =
        [
            "  Determining projects to restore...",
            "/p/src/Fleet/Apis/Frigate.cs(12,5): error CS1002: ; expected [/p/src/Fleet/Fleet.csproj]",
            "/p/src/Fleet/Apis/Frigate.cs(12,5): error CS1002: ; expected [/p/src/Fleet/Fleet.csproj]",
            "/p/src/Fleet/Apis/Frigate.cs(3,1): warning CS0105: duplicate using [/p/src/Fleet/Fleet.csproj]",
            "/p/src/Fleet/Fleet.csproj : error NU1101: Unable to find package ApiBuilder.Runtime. [/p/src/Fleet/Fleet.csproj]",
            "Build FAILED.",
        ];

        Assert.Equal(
            ["/p/src/Fleet/Apis/Frigate.cs(12,5): error CS1002: ; expected", "/p/src/Fleet/Fleet.csproj : error NU1101: Unable to find package ApiBuilder.Runtime."],
            DotnetCli.Errors(output));
    }
}
