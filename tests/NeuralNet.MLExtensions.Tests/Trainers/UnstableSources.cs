using System.Collections;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>A digits row with its number in the file, so a test can tell which row a cursor is on.</summary>
internal sealed class IdRow
{
    public int Id { get; set; }
    [VectorType(64)] public float[] Features { get; set; } = [];
    public float Label { get; set; }
}

/// <summary>
/// Row sources as a database gives them, for <c>LoadFromEnumerable</c>: the same rows in a different order on every
/// enumeration (a query without ORDER BY), or rows that can be enumerated once (a data reader).
/// </summary>
internal static class UnstableSources
{
    /// <summary>digits_test.csv as rows numbered 0..n−1.</summary>
    public static IdRow[] DigitsTest()
    {
        var data = TabularData.Load("digits_test.csv");
        return Enumerable.Range(0, data.Rows).Select(r => new IdRow
        {
            Id = r,
            Features = data.Features.AsSpan(r * data.FeatureCount, data.FeatureCount).ToArray(),
            Label = data.Labels[r],
        }).ToArray();
    }

    /// <summary><paramref name="rows"/> repeated <paramref name="times"/> times, numbered 0..n·times−1 (many full blocks).</summary>
    public static IdRow[] Repeated(IdRow[] rows, int times) =>
        Enumerable.Range(0, rows.Length * times).Select(i => new IdRow { Id = i, Features = rows[i % rows.Length].Features, Label = rows[i % rows.Length].Label }).ToArray();

    /// <summary>Every enumeration gives all the rows in a new random order.</summary>
    public sealed class Reshuffled(IdRow[] rows) : IEnumerable<IdRow>
    {
        private int _enumerations;

        public IEnumerator<IdRow> GetEnumerator()
        {
            var order = Enumerable.Range(0, rows.Length).ToArray();
            new Random(++_enumerations).Shuffle(order);
            return order.Select(i => rows[i]).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The rows once, in order; a second enumeration throws. Counts the rows handed out.</summary>
    public sealed class OneShot(IdRow[] rows) : IEnumerable<IdRow>
    {
        private bool _enumerated;

        public int RowsRead { get; private set; }

        public IEnumerator<IdRow> GetEnumerator()
        {
            if (_enumerated) throw new InvalidOperationException("This source can be enumerated only once.");
            _enumerated = true;
            return Read().GetEnumerator();
        }

        private IEnumerable<IdRow> Read()
        {
            foreach (var row in rows)
            {
                RowsRead++;
                yield return row;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The rows in order until row <paramref name="failAt"/>, where the source fails (a dropped connection).</summary>
    public sealed class FailingAt(IdRow[] rows, int failAt) : IEnumerable<IdRow>
    {
        public IEnumerator<IdRow> GetEnumerator()
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (i == failAt) throw new InvalidDataException($"The connection dropped at row {i}.");
                yield return rows[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
