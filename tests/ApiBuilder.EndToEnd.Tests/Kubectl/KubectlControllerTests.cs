using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Wardle's FlunderController runs in the server: each Flunder's ReferenceResolved condition follows what exists.</summary>
public sealed class KubectlControllerTests : IAsyncLifetime
{
    private readonly string ns = Names.Namespace();
    private readonly WardleServer server = new("--controllers=*", "--leader-elect-retry-period=200ms", "--leader-elect-renew-deadline=1s", "--leader-elect-lease-duration=2s");

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private async Task<string> ConditionAsync(string name) =>
        (await server.Kubectl.RunAsync("get", "fl", name, "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"ReferenceResolved\")].status}/{.status.conditions[?(@.type==\"ReferenceResolved\")].reason}")).Stdout;

    [Fact]
    public async Task The_reference_condition_follows_the_objects_referred_to()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("referrer", ns, reference: "target"), "create", "-f", "-")).ShouldSucceed();
        await Eventually.HoldsAsync(async () => await ConditionAsync("referrer") == "False/NotFound", () => "expected the condition to say the target is missing");

        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("target", ns, reference: "referrer"), "create", "-f", "-")).ShouldSucceed();
        await Eventually.HoldsAsync(async () => await ConditionAsync("referrer") == "True/Found", () => "expected the condition to follow the target's creation");
        await Eventually.HoldsAsync(async () => await ConditionAsync("target") == "True/Found", () => "expected the target's own condition");

        (await server.Kubectl.RunAsync("delete", "fl", "target", "-n", ns)).ShouldSucceed();
        await Eventually.HoldsAsync(async () => await ConditionAsync("referrer") == "False/NotFound", () => "expected the condition to follow the target's deletion");
    }
}
