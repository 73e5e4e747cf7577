using System;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>
    /// Where the shared checks report problems: analyzers turn them into diagnostics, the
    /// generator only notes that the Kind is invalid and emits nothing for it.
    /// </summary>
    internal interface IProblemSink
    {
        void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args);
    }

    /// <summary>The generator's sink: remembers that something was wrong.</summary>
    internal sealed class ProblemFlag : IProblemSink
    {
        public bool Any { get; private set; }

        public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args) => Any = true;
    }

    /// <summary>An analyzer's sink: reports diagnostics.</summary>
    internal sealed class DiagnosticSink : IProblemSink
    {
        private readonly Action<Diagnostic> report;

        public DiagnosticSink(Action<Diagnostic> report) => this.report = report;

        public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args) =>
            report(Diagnostic.Create(descriptor, location, args));
    }
}
