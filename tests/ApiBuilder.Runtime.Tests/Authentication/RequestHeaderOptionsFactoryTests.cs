using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Tests.Certificates;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class RequestHeaderOptionsFactoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FromFlags_WithoutCaFile_TurnsRequestHeaderAuthenticationOff()
    {
        Assert.Null(RequestHeaderOptionsFactory.FromFlags(null, ["front-proxy-client"]));
    }

    [Fact]
    public void FromFlags_ReadsTheCaFileAndDefaultsLikeTheGenericApiserver()
    {
        using var ca = TestPki.CreateCa(_time);
        var caFile = _temp.Combine("front-proxy-ca.crt");
        File.WriteAllText(caFile, PemExport.Certificate(ca));

        var options = RequestHeaderOptionsFactory.FromFlags(caFile, allowedNames: ["front-proxy-client"])!;

        Assert.Equal(ca.Thumbprint, Assert.Single(options.ClientCertificateAuthorities).Thumbprint);
        Assert.Equal(["front-proxy-client"], options.AllowedNames);
        Assert.Equal(["X-Remote-User"], options.UsernameHeaders);
        Assert.Empty(options.UidHeaders);
        Assert.Equal(["X-Remote-Group"], options.GroupHeaders);
        Assert.Equal(["X-Remote-Extra-"], options.ExtraHeaderPrefixes);
    }

    [Fact]
    public void FromFlags_CaFileWithoutCertificates_ThrowsNamingTheFile()
    {
        var caFile = _temp.Combine("empty.crt");
        File.WriteAllText(caFile, "nothing here");

        var error = Assert.Throws<CertificateException>(() => RequestHeaderOptionsFactory.FromFlags(caFile));

        Assert.Contains(caFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("--requestheader-client-ca-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFlags_BlankExtraPrefix_IsRejected()
    {
        using var ca = TestPki.CreateCa(_time);
        var caFile = _temp.Combine("front-proxy-ca.crt");
        File.WriteAllText(caFile, PemExport.Certificate(ca));

        Assert.Throws<ArgumentException>(() => RequestHeaderOptionsFactory.FromFlags(caFile, extraHeaderPrefixes: [""]));
    }

    [Fact]
    public void FromConfigMap_ReadsJsonArraysAndDefaultsEmptyHeaderLists()
    {
        using var ca = TestPki.CreateCa(_time);
        var data = new Dictionary<string, string>
        {
            ["client-ca-file"] = "ignored here",
            ["requestheader-client-ca-file"] = PemExport.Certificate(ca),
            ["requestheader-allowed-names"] = """["front-proxy-client"]""",
            ["requestheader-username-headers"] = """["X-Remote-User"]""",
            ["requestheader-uid-headers"] = """["X-Remote-Uid"]""",
            ["requestheader-group-headers"] = "[]",
            ["requestheader-extra-headers-prefix"] = """["X-Remote-Extra-","X-Other-Extra-"]""",
        };

        var options = RequestHeaderOptionsFactory.FromConfigMap(data)!;

        Assert.Equal(ca.Thumbprint, Assert.Single(options.ClientCertificateAuthorities).Thumbprint);
        Assert.Equal(["front-proxy-client"], options.AllowedNames);
        Assert.Equal(["X-Remote-Uid"], options.UidHeaders);
        Assert.Equal(["X-Remote-Group"], options.GroupHeaders);
        Assert.Equal(["X-Remote-Extra-", "X-Other-Extra-"], options.ExtraHeaderPrefixes);
    }

    [Fact]
    public void FromConfigMap_WithoutRequestHeaderCa_IsNull()
    {
        Assert.Null(RequestHeaderOptionsFactory.FromConfigMap(new Dictionary<string, string> { ["client-ca-file"] = "x" }));
    }

    [Fact]
    public void FromConfigMap_ListThatIsNotJson_ThrowsNamingTheKey()
    {
        using var ca = TestPki.CreateCa(_time);
        var data = new Dictionary<string, string>
        {
            ["requestheader-client-ca-file"] = PemExport.Certificate(ca),
            ["requestheader-allowed-names"] = "front-proxy-client",
        };

        var error = Assert.Throws<ArgumentException>(() => RequestHeaderOptionsFactory.FromConfigMap(data));

        Assert.Contains("requestheader-allowed-names", error.Message, StringComparison.Ordinal);
    }
}
