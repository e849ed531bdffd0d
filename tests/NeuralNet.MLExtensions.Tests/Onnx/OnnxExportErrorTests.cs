using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Onnx;
using NeuralNet.MLExtensions.Tests.Trainers;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>A pipeline or network with a part that has no ONNX export fails with an error naming it, never exports a wrong graph.</summary>
[TestClass]
public sealed class OnnxExportErrorTests
{
    private sealed class Doubled
    {
        [VectorType(4)] public float[] Twice { get; set; } = [];
    }

    private sealed class Raw
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    [TestMethod]
    public void ConvertToOnnx_StepBeforeTheMlpWithoutOnnxExport_ThrowsNamingItsColumn()
    {
        var ml = new MLContext(seed: 0);
        var train = MlNetData.Load(ml, "iris_train.csv");
        var pipeline = ml.Transforms.CustomMapping((Raw input, Doubled output) => output.Twice = input.Features.Select(v => 2 * v).ToArray(), contractName: null)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { FeatureColumnName = "Twice", HiddenLayerSizes = [4], MaximumNumberOfEpochs = 2, Seed = 1 }));
        var model = pipeline.Fit(train);

        var error = Assert.ThrowsExactly<NotSupportedException>(() => OnnxRunner.Export(ml, model, train));
        StringAssert.Contains(error.Message, "(producing column 'Twice')");
        StringAssert.Contains(error.Message, "cannot be exported to ONNX");
    }

    [TestMethod]
    public void ConvertToOnnx_StepAfterTheMlpWithoutOnnxExport_Throws()
    {
        var ml = new MLContext(seed: 0);
        var train = MlNetData.Load(ml, "iris_train.csv");
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 2, Seed = 1 }))
            .Append(ml.Transforms.CustomMapping((ScoreRow input, Doubled output) => output.Twice = [input.Score[0], 0, 0, 0], contractName: null))
            .Fit(train);

        Assert.Throws<Exception>(() => OnnxRunner.Export(ml, model, train));
    }

    private sealed class ScoreRow
    {
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    private sealed class UnknownModule() : Module(3, 3)
    {
        public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y) { }
        public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved, Span<float> dy, int batch, Span<float> dx) { }
        public override string ToString() => "Mystery module (3→3)";
    }

    [TestMethod]
    public void OnnxModuleEmitters_ModuleWithoutEmitter_ThrowsNamingIt()
    {
        var error = Assert.ThrowsExactly<NotSupportedException>(() => OnnxModuleEmitters.Emit(null!, new UnknownModule(), [], "x"));
        StringAssert.Contains(error.Message, "Mystery module (3→3)");
        StringAssert.Contains(error.Message, nameof(UnknownModule));
    }
}
