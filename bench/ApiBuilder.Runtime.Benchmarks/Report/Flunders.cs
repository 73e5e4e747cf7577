using System.Text;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>The objects of the report: Wardle's Flunders, small as most Kubernetes objects are.</summary>
internal static class Flunders
{
    public const string Group = "wardle.example.com";

    public static string Collection(string ns) => $"/apis/{Group}/v1alpha1/namespaces/{ns}/flunders";

    public static string Body(string name, string reference) =>
        "{\"apiVersion\":\"wardle.example.com/v1alpha1\",\"kind\":\"Flunder\",\"metadata\":{\"name\":\"" + name +
        "\",\"labels\":{\"app\":\"bench\",\"tier\":\"backend\"}},\"spec\":{\"reference\":\"" + reference + "\",\"referenceType\":\"Flunder\"}}";

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static StringContent MergePatch(string body) => new(body, Encoding.UTF8, "application/merge-patch+json");

    /// <summary>Creates <paramref name="count"/> Flunders in <paramref name="ns"/> with 16 concurrent callers.</summary>
    public static async Task CreateManyAsync(HttpClient client, string ns, int count, string prefix = "f")
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await client.PostAsync(Collection(ns), Json(Body($"{prefix}-{i:D6}", "r" + i)));
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"create {prefix}-{i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }
}
