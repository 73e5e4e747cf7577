using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// Publishes the instruments of one System.Diagnostics.Metrics meter (the controllers' <c>ApiBuilder.Controllers</c>)
/// in a Prometheus registry under their own names: counters as counters, histograms as histograms (seconds
/// buckets), gauges and up-down counters as gauges. Label names are the measurement's tag names, sorted.
/// Observable gauges are read at each scrape, and label sets they no longer report are dropped.
/// </summary>
internal sealed class MeterBridge : IDisposable
{
    private readonly IMetricFactory factory;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Bridged> bridged = new();
    private readonly Lock collecting = new();

    public MeterBridge(IMetricFactory factory, string meterName)
    {
        this.factory = factory;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    /// <summary>Reads the observable instruments, so that the scrape sees their current values.</summary>
    public void BeforeCollect()
    {
        lock (collecting)
        {
            foreach (var b in bridged.Values)
            {
                b.BeginObservation();
            }

            listener.RecordObservableInstruments();
            foreach (var b in bridged.Values)
            {
                b.EndObservation();
            }
        }
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!bridged.TryGetValue(instrument, out var b))
        {
            var names = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                names[i] = tags[i].Key;
            }

            Array.Sort(names, StringComparer.Ordinal);
            b = bridged.GetOrAdd(instrument, new Bridged(factory, instrument, names));
        }

        b.Record(value, tags);
    }

    /// <summary>One instrument and the Prometheus metric it is published as.</summary>
    private sealed class Bridged
    {
        private readonly string[] labelNames;
        private readonly Counter? counter;
        private readonly Histogram? histogram;
        private readonly Gauge? gauge;
        private readonly bool observable;
        private readonly HashSet<string> reported = [];
        private readonly HashSet<string> seen = [];
        private bool observing;

        public Bridged(IMetricFactory factory, Instrument instrument, string[] labelNames)
        {
            this.labelNames = labelNames;
            var name = instrument.Name.Replace('.', '_').Replace('-', '_');
            var help = instrument.Description ?? instrument.Name;
            var type = instrument.GetType();
            var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            if (generic == typeof(Counter<>))
            {
                counter = factory.CreateCounter(name, help, labelNames);
            }
            else if (generic == typeof(Histogram<>))
            {
                histogram = factory.CreateHistogram(name, help, labelNames,
                    new HistogramConfiguration { Buckets = instrument.Unit == "s" ? Buckets.RequestDuration : Prometheus.Histogram.ExponentialBuckets(1, 2, 16) });
            }
            else
            {
                gauge = factory.CreateGauge(name, help, labelNames);
                observable = instrument.IsObservable;
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var values = new string[labelNames.Length];
            for (var i = 0; i < labelNames.Length; i++)
            {
                values[i] = "";
                foreach (var tag in tags)
                {
                    if (tag.Key == labelNames[i])
                    {
                        values[i] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
                        break;
                    }
                }
            }

            if (counter is not null)
            {
                counter.WithLabels(values).Inc(value);
            }
            else if (histogram is not null)
            {
                histogram.WithLabels(values).Observe(value);
            }
            else if (observable)
            {
                gauge!.WithLabels(values).Set(value);
                if (observing)
                {
                    seen.Add(string.Join('\0', values));
                }
            }
            else
            {
                gauge!.WithLabels(values).Inc(value);
            }
        }

        public void BeginObservation()
        {
            observing = observable;
            seen.Clear();
        }

        /// <summary>Drops the label sets an observable gauge reported before but not this time (a stopped controller's queue).</summary>
        public void EndObservation()
        {
            if (!observing || labelNames.Length == 0)
            {
                observing = false;
                return;
            }

            observing = false;
            foreach (var key in reported)
            {
                if (!seen.Contains(key))
                {
                    gauge!.RemoveLabelled(key.Split('\0'));
                }
            }

            reported.Clear();
            reported.UnionWith(seen);
        }
    }
}
