namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Serves the <c>status</c> subresource for this Kind: writes to the main resource ignore
/// <c>status</c>, writes to <c>/status</c> change nothing else.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StatusSubresourceAttribute : Attribute
{
}
