using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

// One Wardle server per collection. Collections run in parallel; the tests of one collection run one
// after another and isolate themselves with their own namespaces and unique names.

[CollectionDefinition(Name)]
public sealed class KubectlCollection : ICollectionFixture<WardleServer>
{
    public const string Name = "kubectl against the Wardle server";
}

[CollectionDefinition(Name)]
public sealed class RawHttpCollection : ICollectionFixture<WardleServer>
{
    public const string Name = "raw HTTP bad input against the Wardle server";
}

[CollectionDefinition(Name)]
public sealed class ProtocolCollection : ICollectionFixture<WardleServer>
{
    public const string Name = "protocol checks against the Wardle server";
}
