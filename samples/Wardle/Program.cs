using ApiBuilder.Runtime.Server;
using Wardle;

// The Wardle server: Kubernetes' sample-apiserver, ported to ApiBuilder. The Kinds are the
// [Kind] classes of this project: AddGeneratedResources (source-generated) serves them and runs
// Flunder's typed defaulting and validation. FlunderUsage is not stored: its [Storage] class
// computes it from the Flunders on each request. FlunderController, whose ReconcileAsync is written,
// runs in this process and keeps each Flunder's ReferenceResolved condition true.
var builder = ApiServer.CreateBuilder(args, "wardle");
builder.AddGeneratedResources();
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Usage(new FlunderUsageStorage()));
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Log());
builder.AddSubresource(Flunder.Definition, FlunderSubresources.Check());
builder.AddAdmission(new BanFlunder());
await using var server = builder.Build();
return await server.RunAsync();
