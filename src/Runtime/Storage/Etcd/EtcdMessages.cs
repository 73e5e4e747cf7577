using System.Text.Json.Serialization;

namespace ApiBuilder.Runtime.Storage.Etcd;

// etcd's v3 API as its JSON gateway speaks it: field names in snake_case, int64 as strings, bytes in base64.

internal sealed record ResponseHeader(long Revision);

internal sealed record KeyValue(byte[] Key, long CreateRevision, long ModRevision, long Version, byte[]? Value);

internal sealed record RangeRequest(byte[] Key, byte[]? RangeEnd = null, long Limit = 0, long Revision = 0, bool CountOnly = false, bool Serializable = false);

internal sealed record RangeResponse(ResponseHeader? Header, KeyValue[]? Kvs, bool More, long Count);

internal sealed record PutRequest(byte[] Key, byte[] Value, bool PrevKv = false);

internal sealed record PutResponse(ResponseHeader? Header, KeyValue? PrevKv);

internal sealed record DeleteRangeRequest(byte[] Key, byte[]? RangeEnd = null, bool PrevKv = false);

internal sealed record DeleteRangeResponse(ResponseHeader? Header, long Deleted, KeyValue[]? PrevKvs);

internal sealed record Compare(byte[] Key, string Target, string Result = "EQUAL", long ModRevision = 0, long CreateRevision = 0);

internal sealed record RequestOp(RangeRequest? RequestRange = null, PutRequest? RequestPut = null, DeleteRangeRequest? RequestDeleteRange = null);

internal sealed record ResponseOp(RangeResponse? ResponseRange, PutResponse? ResponsePut, DeleteRangeResponse? ResponseDeleteRange);

internal sealed record TxnRequest(Compare[] Compare, RequestOp[] Success, RequestOp[]? Failure = null);

internal sealed record TxnResponse(ResponseHeader? Header, bool Succeeded, ResponseOp[]? Responses);

internal sealed record CompactionRequest(long Revision, bool Physical = false);

internal sealed record StatusRequest;

internal sealed record StatusResponse(ResponseHeader? Header, string? Version, long Leader, string[]? Errors);

internal sealed record WatchCreateRequest(byte[] Key, byte[]? RangeEnd, long StartRevision, bool ProgressNotify, bool PrevKv);

internal sealed record WatchRequest(WatchCreateRequest CreateRequest);

internal sealed record WatchEvent(string? Type, KeyValue? Kv, KeyValue? PrevKv);

internal sealed record WatchResponse(ResponseHeader? Header, bool Created, bool Canceled, long CompactRevision, string? CancelReason, WatchEvent[]? Events);

internal sealed record GatewayError(int GrpcCode, int HttpCode, string? Message);

/// <summary>One line of the watch stream: a response, or an error that ends the stream.</summary>
internal sealed record WatchStreamLine(WatchResponse? Result, GatewayError? Error);

/// <summary>The body of a failed unary call.</summary>
internal sealed record ErrorResponse(string? Error, string? Message, int Code);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(RangeRequest))]
[JsonSerializable(typeof(RangeResponse))]
[JsonSerializable(typeof(TxnRequest))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(CompactionRequest))]
[JsonSerializable(typeof(StatusRequest))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(WatchStreamLine))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;
