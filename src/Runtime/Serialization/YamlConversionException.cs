namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// YAML that cannot be turned into JSON: a syntax error, a value JSON cannot hold (such as
/// <c>.inf</c>), more than one document, or aliasing that would blow up the result. The message
/// starts with the 1-based line and column, as Kubernetes' own YAML errors do.
/// </summary>
internal sealed class YamlConversionException : FormatException
{
    public YamlConversionException(long line, long column, string reason, Exception? innerException = null)
        : base($"yaml: line {line}, column {column}: {reason}", innerException)
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based line of the offending input.</summary>
    public long Line { get; }

    /// <summary>1-based column of the offending input.</summary>
    public long Column { get; }

    /// <summary>The problem, without the position.</summary>
    public string Reason { get; }
}
