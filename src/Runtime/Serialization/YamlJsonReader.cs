using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Turns the events of one YAML document into a <see cref="JsonNode"/> tree. Nesting is tracked
/// on an explicit stack, and depth and alias expansion are bounded, because request bodies are
/// untrusted: a deeply nested or "billion laughs" document must fail cleanly, not take the server down.
/// </summary>
internal sealed class YamlJsonReader
{
    /// <summary>Deepest nesting accepted, the same bound JSON request bodies have.</summary>
    public const int MaxDepth = 256;

    private const string StringTag = "tag:yaml.org,2002:str";
    private const string MergeKey = "<<";

    private readonly IParser parser;
    private readonly ICollection<string>? duplicates;
    private readonly Dictionary<string, JsonNode?> anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> frames = new();
    private readonly long aliasBudget;
    private long aliasNodes;
    private Mark lastMark = Mark.Empty;

    private YamlJsonReader(IParser parser, ICollection<string>? duplicates, long aliasBudget)
    {
        this.parser = parser;
        this.duplicates = duplicates;
        this.aliasBudget = aliasBudget;
    }

    /// <summary>Reads a whole stream that must hold at most one non-empty document.</summary>
    /// <exception cref="YamlConversionException">The input is not valid YAML or cannot be JSON.</exception>
    public static JsonNode? Read(string yaml, ICollection<string>? duplicateFields)
    {
        // Aliases may add as much as the input has characters (nodes and string characters, at least
        // 100,000): plenty for real manifests, while exponential expansion is stopped early.
        var reader = new YamlJsonReader(new Parser(new StringReader(yaml)), duplicateFields, Math.Max(100_000, yaml.Length));
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw new YamlConversionException(e.Start.Line, e.Start.Column, Reason(e), e);
        }
    }

    private JsonNode? ReadStream()
    {
        Next(); // StreamStart
        JsonNode? result = null;
        var found = false;
        while (Next() is DocumentStart start)
        {
            var (node, empty) = ReadDocument();
            if (empty)
            {
                continue;
            }

            if (found)
            {
                throw Error(start.Start, "expected a single YAML document, found more than one");
            }

            found = true;
            result = node;
        }

        return result;
    }

    // Reads from after DocumentStart through DocumentEnd. A document whose only content is an empty
    // plain scalar ("---" alone, or a trailing "---") is reported as empty and skipped.
    private (JsonNode? Node, bool Empty) ReadDocument()
    {
        var rootEvent = Next();
        var empty = rootEvent is Scalar { Value: "", Style: ScalarStyle.Plain } scalar && scalar.Tag.IsEmpty && scalar.Anchor.IsEmpty;
        JsonNode? root = null;
        var done = Handle(rootEvent, ref root);
        while (!done)
        {
            done = Handle(Next(), ref root);
        }

        Next(); // DocumentEnd
        return (root, empty);
    }

    // Processes one event; returns true once the document's root node is complete.
    private bool Handle(ParsingEvent current, ref JsonNode? root)
    {
        if (frames.TryPeek(out var top) && top is MappingFrame { ExpectingKey: true } mapping && current is not MappingEnd)
        {
            // "<<" is only a merge key when plain and untagged; quoted it is an ordinary key.
            if (current is Scalar { Value: MergeKey, Style: ScalarStyle.Plain } merge && merge.Tag.IsEmpty)
            {
                mapping.TakeMergeKey();
            }
            else
            {
                mapping.TakeKey(KeyOf(current));
            }

            return false;
        }

        JsonNode? completed;
        switch (current)
        {
            case Scalar scalar:
                completed = Resolve(scalar);
                Remember(scalar.Anchor, completed);
                break;
            case AnchorAlias alias:
                completed = Expand(alias);
                break;
            case MappingStart start:
                Push(new MappingFrame(ChildPath(), start.Anchor, start.Start));
                return false;
            case SequenceStart start:
                Push(new SequenceFrame(ChildPath(), start.Anchor, start.Start));
                return false;
            case MappingEnd or SequenceEnd:
                var frame = frames.Pop();
                completed = frame.Node;
                Remember(frame.Anchor, completed);
                break;
            default:
                throw Error(current.Start, $"unexpected {current.GetType().Name}");
        }

        if (!frames.TryPeek(out var parent))
        {
            root = completed;
            return true;
        }

        parent.Add(completed, current.Start, this);
        return false;
    }

    private void Push(Frame frame)
    {
        if (frames.Count >= MaxDepth)
        {
            throw Error(frame.Start, $"nesting deeper than {MaxDepth} levels");
        }

        frames.Push(frame);
    }

    private string ChildPath() => frames.TryPeek(out var parent) ? parent.ChildPath() : "";

    private string KeyOf(ParsingEvent current)
    {
        var node = current switch
        {
            Scalar scalar => KeyScalar(scalar),
            AnchorAlias alias => Anchored(alias),
            _ => throw Error(current.Start, "mapping keys must be scalars"),
        };

        return node switch
        {
            null => "null",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value => value.ToJsonString(),
            _ => throw Error(current.Start, "mapping keys must be scalars"),
        };
    }

    private JsonNode? KeyScalar(Scalar scalar)
    {
        var node = Resolve(scalar);
        Remember(scalar.Anchor, node);
        return node;
    }

    private JsonNode? Resolve(Scalar scalar)
    {
        var plain = scalar.Style == ScalarStyle.Plain;
        var kind = scalar.Tag.IsEmpty
            ? plain ? YamlScalars.Classify(scalar.Value) : YamlScalars.Kind.String
            : TaggedKind(scalar);

        try
        {
            return YamlScalars.ToJson(scalar.Value, kind);
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message);
        }
    }

    // Explicit core tags force a type (and must fit it); "!" and unknown tags leave the usual rules.
    private YamlScalars.Kind TaggedKind(Scalar scalar)
    {
        var tag = scalar.Tag.Value;
        if (tag == StringTag || scalar.Tag.IsNonSpecific || tag.StartsWith("tag:yaml.org,2002:binary", StringComparison.Ordinal)
            || tag.StartsWith("tag:yaml.org,2002:timestamp", StringComparison.Ordinal))
        {
            return YamlScalars.Kind.String;
        }

        var resolved = YamlScalars.Classify(scalar.Value);
        var wanted = tag switch
        {
            "tag:yaml.org,2002:null" => YamlScalars.Kind.Null,
            "tag:yaml.org,2002:bool" => YamlScalars.Kind.Boolean,
            "tag:yaml.org,2002:int" => YamlScalars.Kind.Integer,
            "tag:yaml.org,2002:float" => YamlScalars.Kind.Float,
            _ => (YamlScalars.Kind?)null,
        };

        return wanted switch
        {
            null => scalar.Style == ScalarStyle.Plain ? resolved : YamlScalars.Kind.String,
            YamlScalars.Kind.Float when resolved is YamlScalars.Kind.Integer or YamlScalars.Kind.NotANumber or YamlScalars.Kind.Infinity => resolved,
            _ when resolved == wanted => resolved,
            _ => throw Error(scalar.Start, $"cannot decode {scalar.Value} as {tag}"),
        };
    }

    private void Remember(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private JsonNode? Anchored(AnchorAlias alias) =>
        anchors.TryGetValue(alias.Value.Value, out var node)
            ? node
            : throw Error(alias.Start, $"unknown anchor '{alias.Value.Value}' referenced");

    // Every use of an alias gets its own copy: a JsonNode has a single parent.
    private JsonNode? Expand(AnchorAlias alias)
    {
        var node = Anchored(alias);
        aliasNodes += Count(node);
        if (aliasNodes > aliasBudget)
        {
            throw Error(alias.Start, "document contains excessive aliasing");
        }

        return node?.DeepClone();
    }

    // Weighs what an alias adds: one per node, plus the length of every string (keys included), so
    // that aliasing one long string many times is as much "excessive aliasing" as aliasing many nodes.
    private static long Count(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => p.Key.Length + Count(p.Value)),
        JsonArray array => 1 + array.Sum(Count),
        JsonValue value when value.TryGetValue<string>(out var text) => 1 + text.Length,
        _ => 1,
    };

    private ParsingEvent Next()
    {
        bool moved;
        try
        {
            moved = parser.MoveNext();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet fails this way on some malformed input (an unterminated flow collection
            // throws InvalidOperationException, a bad tag ArgumentException). The parser depends on
            // nothing but the input, so it is still a syntax error, reported where reading stopped.
            throw new YamlConversionException(lastMark.Line, lastMark.Column, "malformed YAML after this point", e);
        }

        if (!moved)
        {
            throw new YamlConversionException(lastMark.Line, lastMark.Column, "unexpected end of the YAML stream");
        }

        lastMark = parser.Current!.End;
        return parser.Current;
    }

    private static YamlConversionException Error(Mark mark, string reason) => new(mark.Line, mark.Column, reason);

    // YamlDotNet prefixes its messages with the marks ("(Line: 1, Col: 2, Idx: 1) - (...): ");
    // the position is reported separately, so only the reason is kept.
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && separator >= 0 ? message[(separator + 3)..] : message;
    }

    private abstract class Frame(string path, AnchorName anchor, Mark start)
    {
        public string Path { get; } = path;

        public AnchorName Anchor { get; } = anchor;

        public Mark Start { get; } = start;

        public abstract JsonNode Node { get; }

        public abstract string ChildPath();

        public abstract void Add(JsonNode? value, Mark at, YamlJsonReader reader);
    }

    private sealed class SequenceFrame(string path, AnchorName anchor, Mark start) : Frame(path, anchor, start)
    {
        private readonly JsonArray array = [];

        public override JsonNode Node => array;

        public override string ChildPath() => $"{Path}[{array.Count}]";

        public override void Add(JsonNode? value, Mark at, YamlJsonReader reader) => array.Add(value);
    }

    private sealed class MappingFrame(string path, AnchorName anchor, Mark start) : Frame(path, anchor, start)
    {
        private readonly JsonObject mapping = [];

        // Keys written explicitly; merged keys may be overridden by them without counting as duplicates.
        private readonly HashSet<string> explicitKeys = new(StringComparer.Ordinal);
        private string? pendingKey;
        private bool pendingMerge;

        public bool ExpectingKey => pendingKey is null && !pendingMerge;

        public override JsonNode Node => mapping;

        // Values merged in with "<<" belong to this mapping, so their paths are the mapping's own.
        public override string ChildPath() => pendingKey is null ? Path : Join(pendingKey);

        public void TakeKey(string key) => pendingKey = key;

        public void TakeMergeKey() => pendingMerge = true;

        public override void Add(JsonNode? value, Mark at, YamlJsonReader reader)
        {
            if (pendingMerge)
            {
                pendingMerge = false;
                Merge(value, at);
                return;
            }

            var key = pendingKey!;
            pendingKey = null;

            if (!explicitKeys.Add(key))
            {
                reader.duplicates?.Add(Join(key));
            }

            // The last occurrence wins and moves to the end, as for duplicate keys in JSON bodies.
            mapping.Remove(key);
            mapping[key] = value;
        }

        // "<<: *base" or "<<: [*a, *b]": copies keys not already present; earlier sources win.
        private void Merge(JsonNode? value, Mark at)
        {
            IEnumerable<JsonNode?> sources = value is JsonArray list ? list : [value];
            foreach (var source in sources)
            {
                if (source is not JsonObject obj)
                {
                    throw Error(at, "merge key '<<' needs a mapping or a sequence of mappings");
                }

                foreach (var (key, child) in obj)
                {
                    if (!mapping.ContainsKey(key))
                    {
                        mapping[key] = child?.DeepClone();
                    }
                }
            }
        }

        private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
    }
}
