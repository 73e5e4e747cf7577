using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Rest;

namespace Acme.Fleet.Apis.Ships.V1Beta1;

/// <summary>
/// The <c>logs</c> subresource of Carrier:
/// <c>GET /apis/ships.example.com/v1beta1/namespaces/{namespace}/carriers/{name}/logs</c>
/// (<c>kubectl get --raw</c> reaches it). <c>[Subresource]</c> makes the generated <c>AddGeneratedResources()</c>
/// serve it; the server answers 404 NotFound before calling the handler when the Carrier does not exist,
/// authorizes the request as <c>carriers/logs</c>, and lists it in discovery and OpenAPI.
/// </summary>
/// <remarks>This file is yours: apiserver-boot updates it only while you have not edited it.</remarks>
[Subresource(typeof(Carrier))]
public static class CarrierLogsSubresource
{
    /// <summary>The name, handlers and description the server registers.</summary>
    public static SubresourceDefinition Definition { get; } = new()
    {
        Name = "logs",
        Kind = "CarrierLogs",
        Description = "read the logs of the specified Carrier",

        // GET: an object computed from the stored Carrier (request.Parent, its JSON). Other answers:
        // request.WriteTextAsync for plain text, request.StreamLinesAsync for lines streamed while the
        // client reads (as pods/log?follow=true does), request.Query for query parameters, and
        // request.Objects to read other objects.
        Get = request => request.WriteObjectAsync(new JsonObject
        {
            ["apiVersion"] = Carrier.Definition.GroupVersion,
            ["kind"] = "CarrierLogs",
            ["metadata"] = new JsonObject { ["name"] = request.Name, ["namespace"] = request.Namespace },
            ["generation"] = request.Parent["metadata"]?["generation"]?.DeepClone(),
            ["phase"] = request.Parent["status"]?["phase"]?.DeepClone(),
        }),

        // POST with a body, for an action on the Carrier (as pods/eviction is): set Create, e.g.
        // Create = async request => { var body = await request.ReadBodyAsync(); ...; await request.WriteObjectAsync(result, statusCode: 201); },
    };
}
