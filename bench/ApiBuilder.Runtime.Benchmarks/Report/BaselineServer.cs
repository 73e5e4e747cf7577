using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// The baseline server (<c>baseline-server --port P --cert-dir D --bodies DIR</c>, run as its own
/// process like the server it is compared with): bare Kestrel on HTTPS with the server's serving
/// certificate, asking for a client certificate as the server does, answering <c>/b/NAME</c>
/// (any method; a request body is read to the end) with the bytes of file NAME of DIR, and
/// <c>/readyz</c> with <c>ok</c>.
/// </summary>
internal static class BaselineServer
{
    public static async Task RunAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var bodies = Directory.GetFiles(Arg("--bodies")).ToDictionary(f => "/b/" + Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(Arg("--cert-dir"), "apiserver.crt"), Path.Combine(Arg("--cert-dir"), "apiserver.key"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, int.Parse(Arg("--port"), System.Globalization.CultureInfo.InvariantCulture), l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path == "/readyz")
            {
                await context.Response.WriteAsync("ok");
                return;
            }

            await context.Request.Body.CopyToAsync(Stream.Null);
            if (!bodies.TryGetValue(context.Request.Path.Value ?? "", out var body))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.RunAsync();
    }
}
