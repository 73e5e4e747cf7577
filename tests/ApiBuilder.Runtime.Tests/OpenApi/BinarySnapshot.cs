using System.Runtime.CompilerServices;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>
/// Compares bytes with <c>Snapshots/&lt;name&gt;.verified.bin</c> next to the test source, byte for byte. A mismatch
/// writes <c>.received.bin</c> and fails with the first differing offset; run the tests with
/// <c>APIBUILDER_ACCEPT_SNAPSHOTS=1</c> to accept the new bytes.
/// </summary>
internal static class BinarySnapshot
{
    public const string AcceptVariable = "APIBUILDER_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, byte[] actual, [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.bin");
        var received = Path.Combine(directory, name + ".received.bin");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(received, actual);
            Assert.Fail($"No snapshot {verified}. The bytes are in {received}; run with {AcceptVariable}=1 to accept them.");
        }

        var expected = File.ReadAllBytes(verified);
        if (expected.AsSpan().SequenceEqual(actual))
        {
            File.Delete(received);
            return;
        }

        File.WriteAllBytes(received, actual);
        var offset = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"Snapshot {name} differs from byte {offset} on ({expected.Length} bytes verified, {actual.Length} received; " +
            $"received bytes in {received}; {AcceptVariable}=1 accepts them).");
    }
}
