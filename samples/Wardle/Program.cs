using ApiBuilder.Runtime.Server;
using Wardle;

// The Wardle server: Kubernetes' sample-apiserver, ported to ApiBuilder. The Kinds are the
// [Kind] classes of this project: AddGeneratedResources (source-generated) serves them and runs
// Flunder's typed defaulting and validation. FlunderUsage is not stored: it is computed from the Flunders.
var builder = ApiServer.CreateBuilder(args, "wardle");
builder.AddGeneratedResources();
var usages = new FlunderUsageStorage();
builder.AddResource(usages);   // computed on each request, read-only
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Usage(usages));
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Log());
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Check());
builder.AddAdmission(new BanFlunder());
await using var server = builder.Build();
return await server.RunAsync();
