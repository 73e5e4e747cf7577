using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>The Kubernetes extensions every operation carries, the same in v2 and v3 documents.</summary>
internal static class OperationExtensions
{
    /// <summary>Adds <c>x-kubernetes-action</c> and the object form of <c>x-kubernetes-group-version-kind</c>.</summary>
    public static void AddTo(JsonObject operationNode, ApiOperation operation)
    {
        if (operation.Action is not null)
        {
            operationNode["x-kubernetes-action"] = operation.Action;
        }

        if (operation.Kind is { } kind)
        {
            operationNode[GroupVersionKind.Extension] = kind.ToOperationExtension();
        }
    }
}
