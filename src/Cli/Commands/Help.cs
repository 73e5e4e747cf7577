using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace ApiBuilder.Cli.Commands;

/// <summary>Examples shown at the end of a command's <c>--help</c>.</summary>
internal static class Help
{
    private static readonly ConditionalWeakTable<Command, string[]> ExamplesOf = [];

    public static void Examples(Command command, params string[] examples) => ExamplesOf.AddOrUpdate(command, examples);

    /// <summary>Makes the root's help option print the examples of the command asked about after the usual help.</summary>
    public static void AddExamplesToHelp(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction standard } help)
            {
                help.Action = new WithExamples(standard);
            }
        }
    }

    private sealed class WithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (ExamplesOf.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
