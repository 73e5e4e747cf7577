using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Tests.OpenApi.Proto;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>
/// /openapi/v2 in protobuf, byte for byte: the document of Wardle-like Kinds, and a document that sets every member
/// the encoder carries over (every parameter location, schema keyword, extension and free-form value), also decoded
/// with the tests' own definitions of gnostic's messages.
/// </summary>
public sealed class OpenApiV2ProtobufSnapshotTests
{
    [Fact]
    public void The_document_of_wardle_like_kinds_encodes_as_before()
    {
        var document = OpenApiV2Builder.Build(
            [WardleResources.Flunder(), WardleResources.Fischer(), WardleResources.Flock(), WardleResources.Flunder("v1beta1"), TestResources.Widget(), TestResources.Note()],
            new OpenApiInfo("Wardle", "0.1"));

        BinarySnapshot.Verify("openapi-v2-wardle", Encode(document));
    }

    [Fact]
    public void A_document_with_every_encoded_member_encodes_as_before() =>
        BinarySnapshot.Verify("openapi-v2-every-member", Encode(JsonNode.Parse(EveryMember)!.AsObject()));

    [Fact]
    public void A_document_with_every_encoded_member_decodes_with_gnostic_field_numbers()
    {
        var document = Document.Parser.ParseFrom(Encode(JsonNode.Parse(EveryMember)!.AsObject()));

        Assert.Equal("2.0", document.Swagger);
        Assert.Equal(("Tëst <API>", "1.2"), (document.Info.Title, document.Info.Version));
        Assert.Equal(["/apis/g/v1/things/{name}", "/apis/g/v1/empty"], document.Paths.Path.Select(p => p.Name));
        var get = document.Paths.Path[0].Value.Get;
        Assert.Equal("readThing", get.OperationId);
        var limit = get.Parameters.Select(p => p.Parameter?.NonBodyParameter?.QueryParameterSubSchema).Single(q => q?.Name == "limit")!;
        Assert.Equal((true, "query", "integer", true), (limit.AllowEmptyValue, limit.In, limit.Type, limit.UniqueItems));
        Assert.Equal(["\"get\"", "{\"group\":\"g\",\"version\":\"v1\",\"kind\":\"Thing\"}"], get.VendorExtension.Select(e => e.Value.Yaml));
        Assert.Equal("#/responses/notFound", get.Responses.ResponseCode.Single(r => r.Name == "404").Value.JsonReference.Ref);

        Assert.Equal(["Thing", "Base", "Empty", "x-definition-named-like-an-extension"], document.Definitions.AdditionalProperties.Select(d => d.Name));
        var thing = document.Definitions.AdditionalProperties[0].Value;
        Assert.False(thing.AdditionalProperties.Boolean); // a oneof member set to false is still written
        Assert.Equal(AdditionalPropertiesItem.OneofOneofCase.Boolean, thing.AdditionalProperties.OneofCase);
        Assert.Equal(["\"\\u00E9\"", "1.5", "true", "false", "null", "[]", "{}"], thing.Enum.Select(e => e.Yaml));
        var spec = thing.Properties.AdditionalProperties.Single(p => p.Name == "spec").Value;
        Assert.Equal(["object", "null"], spec.Type.Value);
        Assert.Equal("string", Assert.Single(spec.AdditionalProperties.Schema.Type.Value));
        Assert.Equal(["pretty", "body", "fieldManager", "x-param"], document.Parameters.AdditionalProperties.Select(p => p.Name));
    }

    /// <summary>Encoded from the JSON bytes served, as the server encodes it.</summary>
    private static byte[] Encode(JsonObject document) => OpenApiV2Protobuf.Encode(ResponseWriter.ToJson(document));

    private const string EveryMember = """
    {
      "swagger": "2.0",
      "info": { "title": "Tëst <API>", "version": "1.2", "description": "Ünïcode 🐟 & more", "termsOfService": "https://example.com/terms", "x-logo": { "url": "logo.png" } },
      "host": "example.com:6443",
      "basePath": "/base",
      "schemes": ["https", "http"],
      "consumes": ["application/json", ""],
      "produces": ["application/yaml"],
      "paths": {
        "x-paths-note": "paths extension",
        "/apis/g/v1/things/{name}": {
          "$ref": "#/paths/other",
          "get": {
            "tags": ["things", "g_v1", 1, null, ""],
            "summary": "read a Thing",
            "description": "reads the Thing named",
            "operationId": "readThing",
            "produces": ["application/json", "application/vnd.kubernetes.protobuf"],
            "consumes": ["*/*"],
            "parameters": [
              { "$ref": "#/parameters/pretty", "description": "if set, pretty-print" },
              { "name": "body", "in": "body", "description": "the object", "required": true, "schema": { "$ref": "#/definitions/Thing" }, "x-body": 1 },
              {
                "name": "limit", "in": "query", "description": "at most", "required": false, "allowEmptyValue": true, "type": "integer", "format": "int64",
                "collectionFormat": "csv", "default": 500, "maximum": 1000.5, "exclusiveMaximum": true, "minimum": -3, "exclusiveMinimum": true,
                "maxLength": 5000000000, "minLength": 2, "pattern": "^[0-9]+$", "maxItems": 7, "minItems": 1, "uniqueItems": true,
                "enum": [1, "two", null, { "three": [3] }], "multipleOf": 0.25, "x-query": ["a", "b"]
              },
              {
                "name": "ids", "in": "query", "type": "array",
                "items": { "type": "array", "format": "f", "collectionFormat": "pipes", "default": ["x"], "enum": [["x"], ["y"]], "x-items": true,
                  "items": { "type": "string", "enum": ["x", "y"] } }
              },
              { "name": "X-Trace", "in": "header", "description": "trace id", "required": true, "type": "string", "maxLength": 64, "uniqueItems": true, "multipleOf": 2 },
              { "name": "file", "in": "formData", "type": "file", "allowEmptyValue": true, "minimum": 0.5, "x-form": "f" },
              { "name": "name", "in": "path", "required": true, "type": "string", "pattern": "[a-z]+", "enum": ["a"], "default": "a", "x-path": null },
              { "name": "unplaced", "type": "boolean" },
              { "name": "odd", "in": 5, "required": "yes", "default": null, "items": [], "enum": "no" },
              { "$ref": 5 },
              { "$ref": null, "name": "refIsNull", "in": "body", "schema": null },
              "not an object"
            ],
            "responses": {
              "200": { "description": "OK", "schema": { "$ref": "#/definitions/Thing" }, "headers": { "X-Ignored": { "type": "string" } }, "x-response": { "k": "v" } },
              "401": { "description": "Unauthorized" },
              "404": { "$ref": "#/responses/notFound" },
              "409": { "$ref": 7, "description": "ignored" },
              "410": { "$ref": null, "description": "Gone", "schema": null },
              "500": "not an object",
              "default": { "description": "other", "schema": { "type": "object" }, "examples": { "application/json": {} } },
              "x-responses-note": "responses extension"
            },
            "schemes": ["https"],
            "deprecated": true,
            "security": [{ "BearerToken": [] }, { "oauth": ["read", "write"], "apiKey": [""], "none": null }, "not an object"],
            "x-kubernetes-action": "get",
            "x-kubernetes-group-version-kind": { "group": "g", "version": "v1", "kind": "Thing" }
          },
          "put": { "operationId": "replaceThing", "deprecated": "true", "parameters": {}, "responses": { "200": { "description": "OK" } } },
          "post": { "operationId": "createThing" },
          "delete": { "operationId": "deleteThing", "parameters": [] },
          "options": { "operationId": "optionsThing" },
          "head": { "operationId": "headThing" },
          "patch": { "operationId": "patchThing", "consumes": ["application/merge-patch+json", "application/apply-patch+yaml"] },
          "parameters": [
            { "name": "name", "in": "path", "required": true, "type": "string", "description": "name of the Thing" },
            { "$ref": "#/parameters/fieldManager" }
          ],
          "x-path-item": "path item extension"
        },
        "/apis/g/v1/empty": {},
        "/apis/g/v1/not-an-object": "ignored",
        "/apis/g/v1/null": null,
        "x-also-an-extension": null
      },
      "definitions": {
        "Thing": {
          "format": "thing",
          "title": "A Thing",
          "description": "A Thing with <every> \"keyword\" & 'quote'",
          "default": { "spec": { "size": 1 } },
          "multipleOf": 3,
          "maximum": 1e300,
          "exclusiveMaximum": true,
          "minimum": -0.0,
          "exclusiveMinimum": false,
          "maxLength": -1,
          "minLength": 4.0,
          "pattern": "^.*$",
          "maxItems": 9,
          "minItems": 0,
          "uniqueItems": true,
          "maxProperties": 12,
          "minProperties": 1,
          "required": ["spec", ""],
          "enum": ["é", 1.5, true, false, null, [], {}],
          "additionalProperties": false,
          "type": "object",
          "allOf": [{ "$ref": "#/definitions/Base" }, "ignored", { "type": "object", "readOnly": true }],
          "properties": {
            "spec": {
              "type": ["object", "null"],
              "additionalProperties": { "type": "string", "x-nested": 2 },
              "properties": {
                "size": { "type": "integer", "format": "int32", "minimum": 1, "example": 3 },
                "list": { "type": "array", "items": { "type": "string" }, "x-kubernetes-list-type": "set" },
                "tuple": { "type": "array", "items": [{ "type": "string" }, { "type": "integer" }, "ignored"] },
                "open": { "type": "object", "additionalProperties": true },
                "odd": { "type": 5, "items": 7, "additionalProperties": "no", "required": "no", "minimum": "1", "readOnly": "yes", "allOf": {} },
                "nulls": { "$ref": null, "type": null, "items": null, "additionalProperties": null, "default": null, "example": null, "enum": null, "x-null": null },
                "emptyType": { "type": "", "format": "", "enum": [""], "required": [] },
                "types": { "type": ["string", 1, null, ""], "maxLength": 9223372036854775807, "minLength": -9007199254740993, "maxItems": 2.5 },
                "escaped": { "default": "<a href=\"x\">é 🐟 + ' &</a>", "x-text": "tab\tline\nquote\" \u0001 \u00e9 \ud83d\udc1f", "enum": [{ "é": "ü", "<": ">" }] }
              }
            },
            "status": { "$ref": "#/definitions/Status" },
            "notAnObject": 1
          },
          "discriminator": "kind",
          "readOnly": true,
          "example": { "spec": { "size": 2 } },
          "x-kubernetes-group-version-kind": [{ "group": "g", "kind": "Thing", "version": "v1" }],
          "x-kubernetes-preserve-unknown-fields": true
        },
        "Base": { "type": "object" },
        "Empty": {},
        "x-definition-named-like-an-extension": { "type": "string" },
        "NotAnObject": "ignored"
      },
      "parameters": {
        "pretty": { "name": "pretty", "in": "query", "type": "string", "uniqueItems": true },
        "body": { "name": "body", "in": "body", "required": true, "schema": { "type": "object" } },
        "fieldManager": { "name": "fieldManager", "in": "query", "type": "string" },
        "x-param": { "name": "x", "in": "header", "type": "integer", "default": 0, "minimum": 0, "maximum": -0.0 },
        "notAnObject": 1
      },
      "responses": {
        "notFound": { "description": "Not Found", "schema": { "$ref": "#/definitions/Status" }, "x-r": 1 },
        "notAnObject": 1
      },
      "security": [{ "BearerToken": [] }],
      "securityDefinitions": {
        "BearerToken": { "type": "apiKey", "name": "authorization", "in": "header", "description": "Bearer Token authentication", "x-sd": "k" },
        "basic": { "type": "basic" },
        "untyped": { "name": "n" },
        "emptyKey": { "type": "apiKey" },
        "oauth": { "type": "oauth2", "flow": "implicit", "authorizationUrl": "https://example.com", "scopes": {} }
      },
      "tags": [{ "name": "ignored" }],
      "x-document": { "a": [1, 2.5, "three"], "b": null },
      "x-empty": "",
      "x-null": null
    }
    """;
}
