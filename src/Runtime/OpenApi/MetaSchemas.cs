using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The apimachinery schemas every document references (object and list metadata, Status,
/// DeleteOptions, Patch, WatchEvent, discovery types), under Kubernetes' own names so the
/// aggregator merges them with kube-apiserver's instead of duplicating them. Field names, types
/// and formats match Kubernetes; the descriptions are ApiBuilder's.
/// </summary>
internal static class MetaSchemas
{
    private static readonly Lazy<JsonObject> Shared = new(Load);

    /// <summary>
    /// Adds a fresh copy of every meta schema to <paramref name="schemas"/>. DeleteOptions and
    /// WatchEvent are listed under each served group-version too, as Kubernetes does, because
    /// clients send and receive them with the resource's apiVersion.
    /// </summary>
    public static void AddTo(JsonObject schemas, IEnumerable<(string Group, string Version)> groupVersions)
    {
        foreach (var (name, schema) in Shared.Value)
        {
            schemas[name] = schema!.DeepClone();
        }

        foreach (var (group, version) in groupVersions)
        {
            foreach (var name in (string[])[OpenApiNames.DeleteOptions, OpenApiNames.WatchEvent])
            {
                var kind = name[OpenApiNames.MetaV1.Length..];
                var kinds = (JsonArray)schemas[name]![GroupVersionKind.Extension]!;
                kinds.Add(new GroupVersionKind(group, version, kind).ToSchemaExtensionEntry());
            }
        }
    }

    private static JsonObject Load()
    {
        var schemas = (JsonObject)JsonNode.Parse(Definitions)!;

        // Parsed nodes materialize their children on first access; touching every node here means
        // concurrent DeepClone calls later only ever read.
        Materialize(schemas);
        return schemas;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    private const string Definitions = """
    {
      "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource": {
        "description": "One resource served by a group-version, as discovery reports it.",
        "type": "object",
        "required": ["name", "singularName", "namespaced", "kind", "verbs"],
        "properties": {
          "categories": { "description": "Groups of resources this one belongs to, such as 'all', usable in place of resource names with kubectl get.", "type": "array", "items": { "type": "string", "default": "" }, "x-kubernetes-list-type": "atomic" },
          "group": { "description": "Preferred group of the resource when it differs from the group-version being listed (sub-resources may use another group).", "type": "string" },
          "kind": { "description": "Kind of the objects this resource holds, e.g. 'Flunder'.", "type": "string", "default": "" },
          "name": { "description": "Plural resource name as used in URLs, e.g. 'flunders', or 'flunders/status' for a subresource.", "type": "string", "default": "" },
          "namespaced": { "description": "True when objects of this resource live in a namespace.", "type": "boolean", "default": false },
          "shortNames": { "description": "Abbreviations kubectl accepts for the resource, e.g. 'fl'.", "type": "array", "items": { "type": "string", "default": "" }, "x-kubernetes-list-type": "atomic" },
          "singularName": { "description": "Singular resource name, used by kubectl for display and lookup, e.g. 'flunder'.", "type": "string", "default": "" },
          "storageVersionHash": { "description": "Opaque hash of the version objects are persisted in; it changes when the storage version changes. Clients may only compare it for equality.", "type": "string" },
          "verbs": { "description": "Operations the resource supports: get, list, watch, create, update, patch, delete, deletecollection.", "type": "array", "items": { "type": "string", "default": "" } },
          "version": { "description": "Preferred version of the resource when it differs from the group-version being listed.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList": {
        "description": "The resources served by one group-version, with their names, scope and verbs.",
        "type": "object",
        "required": ["groupVersion", "resources"],
        "properties": {
          "apiVersion": { "description": "Schema version of this object ('v1').", "type": "string" },
          "groupVersion": { "description": "The group-version listed, e.g. 'wardle.example.com/v1alpha1'.", "type": "string", "default": "" },
          "kind": { "description": "Always 'APIResourceList'.", "type": "string" },
          "resources": { "description": "The resources, including subresources such as 'flunders/status'.", "type": "array", "items": { "default": {}, "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.APIResource" }] }, "x-kubernetes-list-type": "atomic" }
        },
        "x-kubernetes-group-version-kind": [{ "group": "", "kind": "APIResourceList", "version": "v1" }]
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": {
        "description": "Options for a delete or deletecollection request, sent as the request body.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "Schema version of this object.", "type": "string" },
          "dryRun": { "description": "When set to ['All'], the deletion is checked and reported but nothing is removed. Other values are rejected.", "type": "array", "items": { "type": "string", "default": "" }, "x-kubernetes-list-type": "atomic" },
          "gracePeriodSeconds": { "description": "Seconds to wait before the object is removed; 0 means immediately. Unset uses the resource's default.", "type": "integer", "format": "int64" },
          "kind": { "description": "Always 'DeleteOptions'.", "type": "string" },
          "orphanDependents": { "description": "Deprecated in favour of propagationPolicy. true leaves dependents in place, false lets them be collected. Do not combine with propagationPolicy.", "type": "boolean" },
          "preconditions": { "description": "Conditions the stored object must meet for the deletion to go ahead; otherwise the request fails with 409 Conflict.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions" }] },
          "propagationPolicy": { "description": "How dependents are garbage-collected: 'Orphan', 'Background' or 'Foreground'. Do not combine with orphanDependents.", "type": "string" }
        },
        "x-kubernetes-group-version-kind": [{ "group": "", "kind": "DeleteOptions", "version": "v1" }]
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": {
        "description": "A set of fields, written as a JSON trie. Keys are '.' (the field itself) or 'f:<name>' (a struct field or map key), 'v:<value>' (a list item by value), 'i:<index>' (a list item by position) or 'k:<keys>' (a list item by its key fields); a key mapping to an empty object is a member of the set. The format belongs to sigs.k8s.io/structured-merge-diff.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
        "description": "Metadata of a list response.",
        "type": "object",
        "properties": {
          "continue": { "description": "Set when the list was cut short by limit: pass it as the continue parameter to fetch the next chunk of the same query. Tokens expire, after which the list has to start over.", "type": "string" },
          "remainingItemCount": { "description": "How many more items a list cut short by limit would have returned, when the server can tell. It may be an estimate and is absent when unknown.", "type": "integer", "format": "int64" },
          "resourceVersion": { "description": "The state of the data this list reflects; pass it to watch to receive every change after it. Opaque: clients may only compare it for equality and send it back.", "type": "string" },
          "selfLink": { "description": "Deprecated and no longer set by servers.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": {
        "description": "The fields one manager owns, recorded for server-side apply conflict detection.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "Version of the resource the field set is expressed in; field names can differ between versions.", "type": "string" },
          "fieldsType": { "description": "Format of fieldsV1; the only format is 'FieldsV1'.", "type": "string" },
          "fieldsV1": { "description": "The owned fields.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1" }] },
          "manager": { "description": "Name of the manager (a client or controller) that owns these fields.", "type": "string" },
          "operation": { "description": "How the fields were last written: 'Apply' or 'Update'.", "type": "string" },
          "subresource": { "description": "Subresource through which the fields were written, e.g. 'status'; empty for the main resource.", "type": "string" },
          "time": { "description": "When these fields were last changed by this manager (not updated when ownership is merely transferred).", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }] }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
        "description": "Metadata every persisted object has: identity, labels and annotations, ownership and the fields the server maintains.",
        "type": "object",
        "properties": {
          "annotations": { "description": "Free-form string key/value pairs for tools and users. Unlike labels they cannot be selected on, and may hold larger values. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations", "type": "object", "additionalProperties": { "type": "string", "default": "" } },
          "creationTimestamp": { "description": "When the server created the object, in RFC 3339 form and UTC. Set by the server; read-only. Not guaranteed to order operations across objects.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }] },
          "deletionGracePeriodSeconds": { "description": "Seconds the object was given to terminate gracefully; set together with deletionTimestamp and only ever shortened. Read-only.", "type": "integer", "format": "int64" },
          "deletionTimestamp": { "description": "When a requested graceful deletion takes effect. Set by the server when deletion is requested, never by clients; once set it can only move earlier. The object stays visible until its finalizers are gone. Read-only.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }] },
          "finalizers": { "description": "Identifiers of the parties that must finish cleaning up before the object is removed. While deletionTimestamp is set, entries may only be removed. They may be processed in any order.", "type": "array", "items": { "type": "string", "default": "" }, "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" },
          "generateName": { "description": "Prefix from which the server generates a unique name (by appending random characters) when name is empty. The same rules as for name apply. If the generated name is taken the request fails with 409 and may be retried.", "type": "string" },
          "generation": { "description": "Number of the desired state, incremented by the server when the spec changes. Read-only.", "type": "integer", "format": "int64" },
          "labels": { "description": "String key/value pairs used to organize and select objects, e.g. with labelSelector. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels", "type": "object", "additionalProperties": { "type": "string", "default": "" } },
          "managedFields": { "description": "Which manager owns which fields, kept by the server for server-side apply. Mostly internal bookkeeping that users need not read or set.", "type": "array", "items": { "default": {}, "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry" }] }, "x-kubernetes-list-type": "atomic" },
          "name": { "description": "Name of the object, unique among objects of its resource (within the namespace, for namespaced resources). Required on create unless generateName is given; cannot be changed. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", "type": "string" },
          "namespace": { "description": "Namespace the object lives in; empty for cluster-scoped resources. When creating through a namespaced URL it may be omitted and is filled in from the URL. Cannot be changed. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces", "type": "string" },
          "ownerReferences": { "description": "Objects this one depends on. When every owner is gone the object is garbage-collected; at most one owner may be the managing controller.", "type": "array", "items": { "default": {}, "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference" }] }, "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge" },
          "resourceVersion": { "description": "Opaque version of the object, changed by the server on every write. Send it back on update to detect concurrent changes (a mismatch fails with 409 Conflict), or to watch from that point. Clients may only compare it for equality. Read-only.", "type": "string" },
          "selfLink": { "description": "Deprecated and no longer set by servers.", "type": "string" },
          "uid": { "description": "Identifier unique across time and space, set by the server on create. It tells apart objects that reused a name. Read-only.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {
        "description": "Points at an owner of an object, which must be in the same namespace or cluster-scoped.",
        "type": "object",
        "required": ["apiVersion", "kind", "name", "uid"],
        "properties": {
          "apiVersion": { "description": "API version of the owner.", "type": "string", "default": "" },
          "blockOwnerDeletion": { "description": "When true and the owner is deleted in the foreground, the owner is not removed until this object is. Setting it requires permission to delete the owner.", "type": "boolean" },
          "controller": { "description": "True when the owner is the managing controller; at most one owner may say so.", "type": "boolean" },
          "kind": { "description": "Kind of the owner.", "type": "string", "default": "" },
          "name": { "description": "Name of the owner.", "type": "string", "default": "" },
          "uid": { "description": "UID of the owner.", "type": "string", "default": "" }
        },
        "x-kubernetes-map-type": "atomic"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
        "description": "The body of a PATCH request, in the format named by its Content-Type.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions": {
        "description": "What the stored object must match for an operation to proceed.",
        "type": "object",
        "properties": {
          "resourceVersion": { "description": "Required resourceVersion of the stored object.", "type": "string" },
          "uid": { "description": "Required uid of the stored object.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Status": {
        "description": "Result of an operation that returns no object, and the body of every error response.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "Schema version of this object ('v1').", "type": "string" },
          "code": { "description": "HTTP status code of the response; 0 when not set.", "type": "integer", "format": "int32" },
          "details": { "description": "Extra data about the failure, depending on reason: the object concerned, the fields at fault, a retry delay.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails" }] },
          "kind": { "description": "Always 'Status'.", "type": "string" },
          "message": { "description": "Human-readable explanation of the result.", "type": "string" },
          "metadata": { "description": "List metadata; normally empty.", "default": {}, "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" }] },
          "reason": { "description": "Machine-readable cause of a failure in CamelCase, such as NotFound, AlreadyExists, Conflict or Invalid; empty when unknown. Clients branch on it.", "type": "string" },
          "status": { "description": "'Success' or 'Failure'.", "type": "string" }
        },
        "x-kubernetes-group-version-kind": [{ "group": "", "kind": "Status", "version": "v1" }]
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause": {
        "description": "One specific problem behind a failure, often tied to a field.",
        "type": "object",
        "properties": {
          "field": { "description": "Path of the field at fault, e.g. 'spec.reference' or 'items[2].name'; empty when not tied to a field.", "type": "string" },
          "message": { "description": "Human-readable description of the problem.", "type": "string" },
          "reason": { "description": "Machine-readable kind of problem, e.g. 'FieldValueRequired'.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": {
        "description": "Which object a failure concerns and what went wrong in detail.",
        "type": "object",
        "properties": {
          "causes": { "description": "The individual problems, e.g. one per invalid field.", "type": "array", "items": { "default": {}, "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause" }] }, "x-kubernetes-list-type": "atomic" },
          "group": { "description": "API group of the resource concerned.", "type": "string" },
          "kind": { "description": "Resource (or Kind) concerned, e.g. 'flunders'.", "type": "string" },
          "name": { "description": "Name of the object concerned, when there is one.", "type": "string" },
          "retryAfterSeconds": { "description": "Seconds the client should wait before retrying, when the server suggests it.", "type": "integer", "format": "int32" },
          "uid": { "description": "UID of the object concerned, when known.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
        "description": "A point in time, serialized in RFC 3339 form (UTC, whole seconds), e.g. '2024-05-01T12:00:00Z'.",
        "type": "string",
        "format": "date-time"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent": {
        "description": "One event of a watch stream.",
        "type": "object",
        "required": ["type", "object"],
        "properties": {
          "object": { "description": "For ADDED and MODIFIED the object's new state; for DELETED its last state; for BOOKMARK an object carrying only the resourceVersion; for ERROR a Status.", "allOf": [{ "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.runtime.RawExtension" }] },
          "type": { "description": "ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.", "type": "string", "default": "" }
        },
        "x-kubernetes-group-version-kind": [{ "group": "", "kind": "WatchEvent", "version": "v1" }]
      },
      "io.k8s.apimachinery.pkg.runtime.RawExtension": {
        "description": "An embedded object of any Kind, carried as its own JSON with its own apiVersion and kind.",
        "type": "object"
      }
    }
    """;
}
