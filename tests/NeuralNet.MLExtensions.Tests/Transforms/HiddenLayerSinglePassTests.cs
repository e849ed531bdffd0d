using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Trainers;

namespace NeuralNet.MLExtensions.Tests.Transforms;

/// <summary>
/// The hidden-layer transform reads its input once, through the consumer's cursor: every row's activations are that
/// row's, with a source that reorders on every enumeration, a source read once, shuffled and split cursors.
/// </summary>
[TestClass]
public sealed class HiddenLayerSinglePassTests
{
    private const int Layer = 1;
    private static MLContext _ml = null!;
    private static MlpModelParameters _model = null!;
    private static IdRow[] _rows = null!;

    [ClassInitialize]
    public static void Train(TestContext _)
    {
        _ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { HiddenLayerSizes = [24, 12], MaximumNumberOfEpochs = 3 };
        _model = MlNetData.Mlp(MlNetData.Pipeline(_ml, _ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(_ml, "digits_train.csv")));
        _rows = UnstableSources.DigitsTest();
    }

    // The activations of one row computed on its own.
    private static float[] Alone(float[] features)
    {
        var h = new float[_model.Architecture.HiddenLayerSizes[Layer]];
        new MlpInference(_model.Network, _model.Standardizer).HiddenActivations(features, 1, Layer, h);
        return h;
    }

    private static IDataView Hidden(IDataView input) => _ml.Transforms.MlpHiddenLayer(_model, Layer, "Hidden").Fit(input).Transform(input);

    private static List<int> ReadAll(IDataView output, Random? rand = null)
    {
        using var cursor = output.GetRowCursor(RowByRowCheck.Columns(output.Schema, "Hidden"), rand);
        return RowByRowCheck.Cursor(cursor, "Hidden", _rows, Alone);
    }

    [TestMethod]
    public void MlpHiddenLayer_SourceReshuffledOnEveryEnumeration_EveryRowGetsItsOwnActivations()
    {
        var output = Hidden(_ml.Data.LoadFromEnumerable(new UnstableSources.Reshuffled(_rows)));
        RowByRowCheck.AllRowsOnce(ReadAll(output), _rows.Length);
        RowByRowCheck.AllRowsOnce(ReadAll(output), _rows.Length);
    }

    [TestMethod]
    public void MlpHiddenLayer_OneShotSource_ReadsEachRowOnce()
    {
        var source = new UnstableSources.OneShot(_rows);
        var input = _ml.Data.LoadFromEnumerable(source);
        var output = _ml.Transforms.MlpHiddenLayer(_model, Layer, "Hidden").Fit(input).Transform(input);
        CollectionAssert.AreEqual(Enumerable.Range(0, _rows.Length).ToArray(), ReadAll(output).ToArray());
        Assert.AreEqual(_rows.Length, source.RowsRead, "each row read from the source once");
    }

    [TestMethod]
    public void MlpHiddenLayer_ShuffledAndSplitCursors_EveryRowGetsItsOwnActivations()
    {
        var output = Hidden(_ml.Data.Cache(_ml.Data.LoadFromEnumerable(_rows)));
        var shuffled = ReadAll(output, new Random(3));
        RowByRowCheck.AllRowsOnce(shuffled, _rows.Length);
        CollectionAssert.AreNotEqual(Enumerable.Range(0, _rows.Length).ToArray(), shuffled.ToArray(), "the cursor did shuffle");
        var ids = new List<int>();
        foreach (var cursor in output.GetRowCursorSet(RowByRowCheck.Columns(output.Schema, "Hidden"), 2, new Random(4)))
            using (cursor)
                ids.AddRange(RowByRowCheck.Cursor(cursor, "Hidden", _rows, Alone));
        RowByRowCheck.AllRowsOnce(ids, _rows.Length);
    }

    [TestMethod]
    public void MlpHiddenLayer_PredictionEngine_EveryRowEqualsComputingItAlone()
    {
        var transformer = _ml.Transforms.MlpHiddenLayer(_model, Layer, "Hidden").Fit(_ml.Data.LoadFromEnumerable(_rows));
        var engine = _ml.Model.CreatePredictionEngine<IdRow, HiddenRow>(transformer);
        var output = new HiddenRow();
        foreach (var row in _rows)
        {
            engine.Predict(row, ref output);
            CollectionAssert.AreEqual(Alone(row.Features), output.Hidden, $"row {row.Id}");
        }
    }

    private sealed class HiddenRow
    {
        public float[] Hidden { get; set; } = [];
    }
}
