using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>A digits row with its number in the file, so a test can tell which row a cursor is on.</summary>
internal sealed class IdRow
{
    public int Id { get; set; }
    [VectorType(64)] public float[] Features { get; set; } = [];
    public float Label { get; set; }
}

/// <summary>A digits row whose features are a sparse vector (only the non-zero pixels), as one-hot encodings give.</summary>
internal sealed class SparseIdRow
{
    public int Id { get; set; }
    [VectorType(64)] public VBuffer<float> Features { get; set; }
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

    /// <summary>The rows with their features as sparse vectors of their non-zero values.</summary>
    public static SparseIdRow[] Sparse(IdRow[] rows) => rows.Select(row =>
    {
        int[] nonZero = Enumerable.Range(0, row.Features.Length).Where(j => row.Features[j] != 0).ToArray();
        return new SparseIdRow
        {
            Id = row.Id, Label = row.Label,
            Features = new VBuffer<float>(row.Features.Length, nonZero.Length, nonZero.Select(j => row.Features[j]).ToArray(), nonZero),
        };
    }).ToArray();

    /// <summary>
    /// <paramref name="inner"/> with a Features getter that hands out one buffer of its own, refilled for every row,
    /// instead of filling the caller's: a consumer that keeps a row's vector without copying it sees it change.
    /// </summary>
    public sealed class SharedFeaturesBuffer(IDataView inner) : IDataView
    {
        public bool CanShuffle => inner.CanShuffle;
        public DataViewSchema Schema => inner.Schema;
        public long? GetRowCount() => inner.GetRowCount();
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(inner.GetRowCursor(columnsNeeded, rand));
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

        private sealed class Cursor(DataViewRowCursor inner) : DataViewRowCursor
        {
            private VBuffer<float> _shared;

            public override DataViewSchema Schema => inner.Schema;
            public override long Position => inner.Position;
            public override long Batch => inner.Batch;
            public override bool MoveNext() => inner.MoveNext();
            public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();
            public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (column.Name != "Features") return inner.GetGetter<TValue>(column);
                var get = inner.GetGetter<VBuffer<float>>(column);
                ValueGetter<VBuffer<float>> shared = (ref VBuffer<float> value) =>
                {
                    get(ref _shared);
                    value = _shared;
                };
                return (ValueGetter<TValue>)(Delegate)shared;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
