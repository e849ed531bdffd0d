using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// Scoring through <c>Transform</c> reads its input once, through the consumer's cursor: every score belongs to the row
/// it is served with, even when the source gives another order on each enumeration or can be enumerated only once.
/// </summary>
[TestClass]
public sealed class SinglePassScoringTests
{
    private static MLContext _ml = null!;
    private static ITransformer _model = null!;
    private static MlpModelParameters _parameters = null!;
    private static IdRow[] _rows = null!;

    [ClassInitialize]
    public static void Train(TestContext _)
    {
        _ml = new MLContext(seed: 0);
        _model = MlNetData.Pipeline(_ml, _ml.MulticlassClassification.Trainers.Mlp(maximumNumberOfEpochs: 3)).Fit(MlNetData.Load(_ml, "digits_train.csv"));
        _parameters = MlNetData.Mlp(_model);
        _rows = UnstableSources.DigitsTest();
    }

    // The probabilities of one row scored on its own.
    private static float[] Alone(float[] features)
    {
        var p = new float[_parameters.Classes.Count];
        new MlpInference(_parameters.Network, _parameters.Standardizer).Probabilities(features, 1, p);
        return p;
    }

    private static List<int> ReadAll(IDataView scored, Random? rand = null)
    {
        using var cursor = scored.GetRowCursor(RowByRowCheck.Columns(scored.Schema, "Score"), rand);
        return RowByRowCheck.Cursor(cursor, "Score", _rows, Alone);
    }

    [TestMethod]
    public void Transform_SourceReshuffledOnEveryEnumeration_EveryScoreBelongsToItsRow()
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(new UnstableSources.Reshuffled(_rows)));
        RowByRowCheck.AllRowsOnce(ReadAll(scored), _rows.Length);
        RowByRowCheck.AllRowsOnce(ReadAll(scored), _rows.Length);
    }

    [TestMethod]
    public void Transform_ManyFullBlocksFromAReshuffledSource_EveryScoreBelongsToItsRow()
    {
        // Enough rows for many blocks of the largest size, read ahead and scored on two threads while rows are served.
        var rows = UnstableSources.Repeated(_rows, 12);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(new UnstableSources.Reshuffled(rows)));
        using var cursor = scored.GetRowCursor(RowByRowCheck.Columns(scored.Schema, "Score"));
        RowByRowCheck.AllRowsOnce(RowByRowCheck.Cursor(cursor, "Score", rows, Alone), rows.Length);
    }

    // The three tests below read the features into the rows' own arrays (Score read without Features) on two
    // threads, whatever this machine's core count.
    private static List<int> OnTwoThreads(IDataView scored, IdRow[] rows, Action<Scoring.BlockCursor> finished)
    {
        int saved = Scoring.AppendedDataView.CursorThreads;
        Scoring.AppendedDataView.CursorThreads = 2;
        try
        {
            return RowByRowCheck.OutputOnly(scored, "Score", rows, Alone, cursor => finished((Scoring.BlockCursor)cursor));
        }
        finally
        {
            Scoring.AppendedDataView.CursorThreads = saved;
        }
    }

    [TestMethod]
    public void Transform_ScoreReadWithoutFeatures_EveryScoreBelongsToItsRowAndNoRowIsCopied()
    {
        // Dense vectors from LoadFromEnumerable: the getter fills each row's own array, many full blocks.
        var rows = UnstableSources.Repeated(_rows, 12);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(new UnstableSources.Reshuffled(rows)));
        RowByRowCheck.AllRowsOnce(OnTwoThreads(scored, rows, cursor =>
        {
            Assert.AreEqual(0, cursor.RowsExpanded, "every row filled in place");
            Assert.IsTrue(cursor.LendsRowArrays);
        }), rows.Length);
    }

    [TestMethod]
    public void Transform_SparseFeatures_EveryScoreBelongsToItsRow()
    {
        // The getter writes a sparse vector (values and indices) into the buffers it is lent; the row is expanded.
        var rows = UnstableSources.Repeated(_rows, 3);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(UnstableSources.Sparse(rows)));
        RowByRowCheck.AllRowsOnce(OnTwoThreads(scored, rows, cursor =>
        {
            Assert.AreEqual(rows.Length, cursor.RowsExpanded, "every sparse row expanded");
            Assert.IsTrue(cursor.LendsRowArrays, "the lent arrays came back with the values");
        }), rows.Length);
    }

    [TestMethod]
    public void Transform_FeaturesGetterHandsOutItsOwnBuffer_EveryScoreBelongsToItsRow()
    {
        // The getter ignores the buffer it is lent and gives one it refills for the next row: kept as it is, every
        // row of a block would be scored on the block's last features. It may also keep what it was lent, so from
        // its first row on it is lent only the cursor's scratch vector.
        var rows = UnstableSources.Repeated(_rows, 3);
        var scored = _model.Transform(new UnstableSources.SharedFeaturesBuffer(_ml.Data.LoadFromEnumerable(rows)));
        RowByRowCheck.AllRowsOnce(OnTwoThreads(scored, rows, cursor =>
        {
            Assert.AreEqual(rows.Length, cursor.RowsExpanded, "every row copied");
            Assert.IsFalse(cursor.LendsRowArrays);
        }), rows.Length);
    }

    [TestMethod]
    public void Transform_OneShotSource_ReadsEachRowOnceAndScoresEveryRow()
    {
        var source = new UnstableSources.OneShot(_rows);
        var ids = ReadAll(_model.Transform(_ml.Data.LoadFromEnumerable(source)));
        CollectionAssert.AreEqual(Enumerable.Range(0, _rows.Length).ToArray(), ids.ToArray(), "the source's order");
        Assert.AreEqual(_rows.Length, source.RowsRead, "each row read from the source once");
    }

    [TestMethod]
    public void Transform_SourceFailsWhileABlockIsScored_RowsBeforeAreRightAndTheCursorStaysFailed()
    {
        // Blocks of 64, 128, 256, 512 rows. With two threads the failure at row 700 comes while the third block (rows
        // 192–447) is scored in the background and about to be served; on one core, after the third block is served.
        var rows = UnstableSources.Repeated(_rows, 2);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(new UnstableSources.FailingAt(rows, failAt: 700)));
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([score]);
        var get = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> v = default;
        int r = 0;
        var e = Assert.ThrowsExactly<InvalidDataException>(() =>
        {
            while (cursor.MoveNext())
            {
                get(ref v);
                CollectionAssert.AreEqual(Alone(rows[r].Features), v.DenseValues().ToArray(), $"row {r}");
                r++;
            }
        });
        Assert.AreEqual("The connection dropped at row 700.", e.Message);
        Assert.AreEqual(Scoring.AppendedDataView.CursorThreads > 1 ? 192 : 448, r, "the rows served before the failing read");
        var again = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.MoveNext());
        StringAssert.Contains(again.Message, "failed while reading or scoring");
        Assert.AreSame(e, again.InnerException);
    }

    [TestMethod]
    public void Transform_OneShotSource_ScoreAloneMatchesEachRowInOrder()
    {
        var source = new UnstableSources.OneShot(_rows);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(source));
        var score = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([score]);
        Assert.IsFalse(cursor.IsColumnActive(scored.Schema["Features"]), "only what was asked for is active");
        var get = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> v = default;
        int r = 0;
        while (cursor.MoveNext())
        {
            get(ref v);
            CollectionAssert.AreEqual(Alone(_rows[r].Features), v.DenseValues().ToArray(), $"row {r}");
            r++;
        }
        Assert.AreEqual(_rows.Length, r);
        Assert.AreEqual(_rows.Length, source.RowsRead);
    }

    [TestMethod]
    public void Transform_ShuffledCursor_EveryScoreBelongsToItsRow()
    {
        var scored = _model.Transform(_ml.Data.Cache(_ml.Data.LoadFromEnumerable(_rows)));
        var first = ReadAll(scored, new Random(1));
        RowByRowCheck.AllRowsOnce(first, _rows.Length);
        CollectionAssert.AreNotEqual(Enumerable.Range(0, _rows.Length).ToArray(), first.ToArray(), "the cursor did shuffle");
    }

    [TestMethod]
    public void Transform_SplitCursors_EveryScoreBelongsToItsRow()
    {
        var scored = _model.Transform(_ml.Data.Cache(_ml.Data.LoadFromEnumerable(_rows)));
        var ids = new List<int>();
        foreach (var rand in new[] { null, new Random(2) })
        {
            var cursors = scored.GetRowCursorSet(RowByRowCheck.Columns(scored.Schema, "Score"), 3, rand);
            foreach (var cursor in cursors)
                using (cursor)
                    ids.AddRange(RowByRowCheck.Cursor(cursor, "Score", _rows, Alone));
            RowByRowCheck.AllRowsOnce(ids, _rows.Length);
            ids.Clear();
        }
    }

    [TestMethod]
    public void Transform_ConsumerThatStopsEarly_NextCursorStartsAtTheFirstRow()
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(_rows));
        using (var partial = scored.GetRowCursor(RowByRowCheck.Columns(scored.Schema, "Score")))
            for (int r = 0; r < 5; r++) Assert.IsTrue(partial.MoveNext());
        CollectionAssert.AreEqual(Enumerable.Range(0, _rows.Length).ToArray(), ReadAll(scored).ToArray());
    }

    [TestMethod]
    public void CreatePredictionEngine_EveryRow_EqualsScoringItAlone()
    {
        var engine = _ml.Model.CreatePredictionEngine<IdRow, Prediction>(_model);
        var output = new Prediction();
        foreach (var row in _rows)
        {
            engine.Predict(row, ref output);
            var expected = Alone(row.Features);
            CollectionAssert.AreEqual(expected, output.Score, $"row {row.Id}");
            Assert.AreEqual(Scoring.ScoreSchema.ArgMax(expected), output.PredictedLabel, $"row {row.Id}");
        }
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }
}
