using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>kubectl get -w printing rows while another kubectl changes objects.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlWatchTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private static Func<string, bool> Row(params string[] cells) =>
        line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var actual
                && actual.Length >= cells.Length
                && cells.Select((c, i) => c == "*" || actual[i] == c).All(ok => ok);

    [Fact]
    public async Task Watch_on_a_collection_prints_added_modified_and_deleted_rows_in_order()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("existing", ns, "old"), "create", "-f", "-")).ShouldSucceed();

        await using var watch = server.Kubectl.Start("get", "flunders", "-n", ns, "-w", "--output-watch-events");
        var header = await watch.WaitForLineAsync(Row("EVENT", "NAME", "REFERENCE", "TYPE", "AGE"), "the header EVENT NAME REFERENCE TYPE AGE");
        var listed = await watch.WaitForLineAsync(Row("ADDED", "existing", "old", "Flunder"), "the existing object from the initial list", header);

        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("newcomer", ns, "first"), "create", "-f", "-")).ShouldSucceed();
        var added = await watch.WaitForLineAsync(Row("ADDED", "newcomer", "first", "Flunder"), "ADDED newcomer", listed + 1);

        (await server.Kubectl.RunAsync("patch", "flunder", "newcomer", "-n", ns, "--type", "merge", "-p", """{"spec":{"reference":"second"}}""")).ShouldSucceed();
        var modified = await watch.WaitForLineAsync(Row("MODIFIED", "newcomer", "second", "Flunder"), "MODIFIED newcomer with reference second", added + 1);

        (await server.Kubectl.RunAsync("delete", "flunder", "newcomer", "-n", ns)).ShouldSucceed();
        await watch.WaitForLineAsync(Row("DELETED", "newcomer", "second", "Flunder"), "DELETED newcomer", modified + 1);
    }

    [Fact]
    public async Task Watch_on_one_object_prints_its_changes_as_table_rows()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("watched", ns, "v0"), "create", "-f", "-")).ShouldSucceed();

        await using var watch = server.Kubectl.Start("get", "flunder", "watched", "-n", ns, "-w");
        var initial = await watch.WaitForLineAsync(Row("watched", "v0", "Flunder"), "the current row of 'watched'");

        // kubectl starts this watch at resourceVersion 0 and drops the first (synthetic) event, so a
        // change made before the watch is established is not shown: keep changing until one is.
        var shown = -1;
        for (var attempt = 1; attempt <= 10 && shown < 0; attempt++)
        {
            var value = $"v{attempt}";
            (await server.Kubectl.RunAsync("patch", "flunder", "watched", "-n", ns, "--type", "merge", "-p", $$$"""{"spec":{"reference":"{{{value}}}"}}""")).ShouldSucceed();
            shown = await TryWaitAsync(watch, Row("watched", value, "Flunder"), initial + 1);
        }

        Assert.True(shown > 0, watch.Describe("no modification of 'watched' was ever printed"));
    }

    private static async Task<int> TryWaitAsync(KubectlProcess watch, Func<string, bool> match, int from)
    {
        try
        {
            return await watch.WaitForLineAsync(match, "a modified row", from, TimeSpan.FromSeconds(2));
        }
        catch (Xunit.Sdk.FailException)
        {
            return -1;
        }
    }
}
