using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Authentication;

/// <summary>
/// A client certificate from a CA that copies the real CA's name with another key is refused with 401 on
/// TLS 1.2 and TLS 1.3 alike, also when the client sends the forged CA along: the connection is not dropped.
/// </summary>
public sealed class ForgedCaTests
{
    [Theory]
    [InlineData(SslProtocols.Tls12, false)]
    [InlineData(SslProtocols.Tls13, false)]
    [InlineData(SslProtocols.Tls12, true)]
    [InlineData(SslProtocols.Tls13, true)]
    public async Task A_certificate_of_a_ca_with_the_real_name_and_another_key_gets_401(SslProtocols protocol, bool sendForgedCa)
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(TestResources.Widget()));
        using var realCa = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(server.CertificateDirectory, "ca.crt")));

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(realCa.SubjectName, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var forgedCa = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=admin, O=system:masters", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var signed = clientRequest.Create(forgedCa, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3]);
        using var withKey = signed.CopyWithPrivateKey(clientKey);
        using var client = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocol,
                ClientCertificateContext = SslStreamCertificateContext.Create(client, sendForgedCa ? [forgedCa] : [], offline: true),
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("/apis/test.example.com/v1/widgets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
