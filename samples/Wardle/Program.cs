using ApiBuilder.Runtime.Server;
using Wardle;

// The Wardle server: Kubernetes' sample-apiserver, ported to ApiBuilder.
var builder = ApiServer.CreateBuilder(args, "wardle");
builder.AddResource(WardleResources.Flunder);
builder.AddResource(WardleResources.FlunderBeta);
builder.AddResource(WardleResources.Fischer);
builder.AddAdmission(new FlunderDefaultsAndValidation());
builder.AddAdmission(new BanFlunder());
await using var server = builder.Build();
return await server.RunAsync();
