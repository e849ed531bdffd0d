using System.Collections;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// The trainer's options reach the engine through one table (<see cref="OptionMap"/>): every option has its setting,
/// every value is copied, defaults agree, and the L2 default follows the optimizer.
/// </summary>
[TestClass]
public sealed class MlpTrainerOptionsTests
{
    [TestMethod]
    public void OptionMap_EveryEngineSetting_HasAnOptionOrIsSetByTheTrainer()
    {
        var paired = OptionMap.Pairs.Select(p => p.Setting.Name).ToHashSet();
        var missing = typeof(MlpTrainingSettings).GetProperties()
            .Where(p => p.CanWrite && !paired.Contains(p.Name) && !OptionMap.SetByTrainer.Contains(p.Name))
            .Select(p => p.Name).ToArray();
        Assert.IsEmpty(missing, "Engine settings no option sets: " + string.Join(", ", missing));
        // And every option is either paired or the trainer's own (the table's construction fails otherwise).
        int options = typeof(MlpTrainer.Options).GetProperties().Length + typeof(MlpRegressionTrainer.Options).GetProperties().Length
            - typeof(MlpOptionsBase).GetProperties().Length;
        Assert.AreEqual(options, OptionMap.Pairs.Count + OptionMap.TrainerOnly.Length);
    }

    [TestMethod]
    public void OptionMap_ToSettings_CopiesEveryOptionValue()
    {
        // The regression options hold every shared option and the regression loss options.
        var options = new MlpRegressionTrainer.Options { ClassWeighting = ClassWeighting.None };
        var copied = OptionMap.Pairs.Where(p => !OptionMap.SetByTrainer.Contains(p.Setting.Name)).ToArray();
        foreach (var (option, _) in copied) option.SetValue(options, OtherValue(option.PropertyType, option.GetValue(options)));

        var settings = options.ToSettings(seed: 42);

        Assert.AreEqual(42, settings.Seed);
        Assert.AreEqual(MlpTask.Regression, settings.Task, "the options' trainer sets the task");
        foreach (var (option, setting) in copied)
        {
            object? expected = option.GetValue(options), actual = setting.GetValue(settings);
            if (expected is IEnumerable items && expected is not string)
                CollectionAssert.AreEqual(items.Cast<object>().ToArray(), ((IEnumerable)actual!).Cast<object>().ToArray(), option.Name);
            else
                Assert.AreEqual(expected, actual, option.Name);
        }
    }

    /// <summary>A value of <paramref name="type"/> other than <paramref name="current"/>; a new option type must be added here.</summary>
    private static object OtherValue(Type type, object? current)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int)) return (int?)current == 3 ? 4 : 3;
        if (t == typeof(float)) return (float?)current == 0.375f ? 0.25f : 0.375f;
        if (t == typeof(bool)) return !(bool)current!;
        if (t.IsEnum) return Enum.GetValues(t).Cast<object>().First(v => !v.Equals(current));
        if (t == typeof(int[])) return new[] { 7, 5 };
        if (t == typeof(float[])) return new[] { 0.25f, 0.5f };
        if (t == typeof(Activation[])) return new[] { Activation.Tanh, Activation.Gelu };
        if (t == typeof(CancellationToken)) return new CancellationTokenSource().Token;
        throw new AssertFailedException($"No test value for an option of type {t}; add one.");
    }

    [TestMethod]
    public void MlpTrainer_Options_ClassicPresetIsTheEngineDefaults()
    {
        var settings = new MlpTrainer.Options { Preset = MlpPreset.Classic }.ToSettings(MlpDefaults.Seed);
        var engine = new MlpTrainingSettings();
        foreach (var (_, setting) in OptionMap.Pairs)
        {
            object? expected = setting.GetValue(engine), actual = setting.GetValue(settings);
            if (expected is IEnumerable items)
                CollectionAssert.AreEqual(items.Cast<object>().ToArray(), ((IEnumerable)actual!).Cast<object>().ToArray(), setting.Name);
            else
                Assert.AreEqual(expected, actual, setting.Name);
        }
    }

    [TestMethod]
    public void MlpTrainer_Options_L2RegularizationUnset_FollowsTheOptimizer()
    {
        Assert.IsNull(new MlpTrainer.Options().L2Regularization);
        Assert.AreEqual(1e-4f, new MlpTrainer.Options { Optimizer = OptimizerKind.Adam }.ToSettings(0).L2Regularization);
        Assert.AreEqual(1e-4f, new MlpTrainer.Options { Optimizer = OptimizerKind.Sgd }.ToSettings(0).L2Regularization);
        Assert.AreEqual(0f, new MlpTrainer.Options { Optimizer = OptimizerKind.AdamW }.ToSettings(0).L2Regularization);
        Assert.AreEqual(2e-3f, new MlpTrainer.Options { L2Regularization = 2e-3f }.ToSettings(0).L2Regularization);
    }

    [TestMethod]
    public void MlpTrainer_Constructor_CopiesTheOptionsArrays()
    {
        var options = new MlpTrainer.Options { HiddenLayerSizes = [4], DropoutRates = [0.1f] };
        var clone = options.Clone();
        clone.HiddenLayerSizes[0] = 9;
        clone.DropoutRates[0] = 0.9f;
        Assert.AreEqual(4, options.HiddenLayerSizes[0]);
        Assert.AreEqual(0.1f, options.DropoutRates[0]);
    }

    [TestMethod]
    public void MlpTrainer_Fit_AdamWWithDefaultOptions_AddsNoCoupledL2()
    {
        // AdamW without decay must be Adam without L2, bit for bit: before the fix it also got the default L2 1e-4.
        var ml = new MLContext(seed: 0);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "iris_train.csv")).Transform(MlNetData.Load(ml, "iris_train.csv"));
        float[] Train(MlpTrainer.Options options)
        {
            options.HiddenLayerSizes = [8];
            options.MaximumNumberOfEpochs = 5;
            options.Seed = 3;
            options.NumberOfThreads = 1;
            return ml.MulticlassClassification.Trainers.Mlp(options).Fit(data).Model.Network.Parameters.ToArray();
        }
        var adamW = Train(new MlpTrainer.Options { Optimizer = OptimizerKind.AdamW, WeightDecay = 0f });
        var adam = Train(new MlpTrainer.Options { Optimizer = OptimizerKind.Adam, L2Regularization = 0f });
        CollectionAssert.AreEqual(adam.Select(BitConverter.SingleToInt32Bits).ToArray(), adamW.Select(BitConverter.SingleToInt32Bits).ToArray());
    }
}
