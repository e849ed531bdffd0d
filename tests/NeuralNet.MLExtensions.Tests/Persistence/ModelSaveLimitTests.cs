using System.Globalization;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Persistence;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// Saving checks the limits loading enforces (<see cref="ModelLimits"/>): a model beyond one fails to save, before
/// anything is written, with a message naming the limit, the value and what to do; a model at a limit saves and loads.
/// </summary>
[TestClass]
public sealed class ModelSaveLimitTests
{
    private static MlpModelParameters Model(int inputSize, int[] hidden, int classes, ClassLabels? labels = null, float fill = 0.01f)
    {
        var architecture = new MlpArchitecture(inputSize, hidden, hidden.Select(_ => Activation.Relu).ToArray(), classes);
        var parameters = new float[architecture.ParameterCount];
        Array.Fill(parameters, fill);
        labels ??= new ClassLabels(classes, Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), null, null);
        return new MlpModelParameters(new MlpNetwork(architecture, parameters), null, labels, [], StopReason.MaximumEpochsReached);
    }

    /// <summary>Saves to a file in an empty folder and to a stream; both must fail, leaving no file and no bytes.</summary>
    private static string SaveFails(MlpModelParameters model)
    {
        string folder = Directory.CreateTempSubdirectory("save-limit").FullName;
        try
        {
            var error = Assert.ThrowsExactly<NotSupportedException>(() => model.Save(Path.Combine(folder, "model.mlp")));
            Assert.IsEmpty(Directory.GetFiles(folder), "a refused save leaves no file, not even a temporary one");
            using var stream = new MemoryStream();
            Assert.ThrowsExactly<NotSupportedException>(() => model.Save(stream));
            Assert.AreEqual(0L, stream.Length, "nothing is written before the limits are checked");
            StringAssert.StartsWith(error.Message, "Cannot save the MLP model: ");
            StringAssert.Contains(error.Message, "could not be loaded again. To save it, ");
            return error.Message;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void MlpModelParameters_Save_TooManyHiddenLayers_RefusedNamingTheLimit()
    {
        string message = SaveFails(Model(1, Enumerable.Repeat(1, ModelLimits.MaxHiddenLayers + 1).ToArray(), 2));
        StringAssert.Contains(message, "the number of hidden layers is 257; the model format allows at most 256");
        StringAssert.Contains(message, "use fewer HiddenLayerSizes");
    }

    [TestMethod]
    public void MlpModelParameters_Save_HiddenLayerTooWide_RefusedNamingTheLayer()
    {
        string message = SaveFails(Model(1, [3, ModelLimits.MaxLayerSize + 1], 2));
        StringAssert.Contains(message, $"HiddenLayerSizes[1] is {ModelLimits.MaxLayerSize + 1}; the model format allows at most {ModelLimits.MaxLayerSize}");
    }

    [TestMethod]
    public void MlpModelParameters_Save_TooManyClasses_Refused()
    {
        string message = SaveFails(Model(1, [], ModelLimits.MaxClasses + 1));
        StringAssert.Contains(message, $"the number of classes is {ModelLimits.MaxClasses + 1}; the model format allows at most {ModelLimits.MaxClasses}");
        StringAssert.Contains(message, "group rare labels into fewer classes");
    }

    [TestMethod]
    public void MlpModelParameters_Save_ClassValueTooLong_RefusedNamingTheClass()
    {
        var values = new[] { "short".AsMemory(), new string('é', 40_000).AsMemory() };
        var labels = new ClassLabels(2, values.Select(v => v.ToString()).ToArray(), TextDataViewType.Instance, values);
        string message = SaveFails(Model(2, [2], 2, labels));
        StringAssert.Contains(message, "class value 1 is 80000 bytes in UTF-8; the model format allows at most 65536 bytes");
        StringAssert.Contains(message, "shorten the label values");
    }

    [TestMethod]
    public void MlpModelParameters_Save_NonFiniteParameter_Refused()
    {
        string message = SaveFails(Model(2, [2], 2, fill: float.NaN));
        StringAssert.Contains(message, "parameter 0 is NaN; the model format allows only finite parameters");
    }

    [TestMethod]
    public void ModelSerializer_Write_FeatureColumnNameTooLong_Refused()
    {
        using var stream = new MemoryStream();
        var error = Assert.ThrowsExactly<NotSupportedException>(() =>
            ModelSerializer.Write(stream, new SavedModel(new string('f', ModelLimits.MaxTextBytes + 1), Model(2, [2], 2))));
        StringAssert.Contains(error.Message, "the features column name is 65537 bytes in UTF-8");
        StringAssert.Contains(error.Message, "rename the column");
        Assert.AreEqual(0L, stream.Length);
    }

    [TestMethod]
    public void MlpModelParameters_SaveLoad_AtTheLimits_RoundTrips()
    {
        // Exactly at the limits is allowed on both sides: the save check and the load check are the same numbers.
        var deep = Model(1, Enumerable.Repeat(1, ModelLimits.MaxHiddenLayers).ToArray(), 2);
        var values = new[] { new string('a', ModelLimits.MaxTextBytes).AsMemory(), "b".AsMemory() };
        var named = Model(2, [2], 2, new ClassLabels(2, values.Select(v => v.ToString()).ToArray(), TextDataViewType.Instance, values));
        foreach (var model in new[] { deep, named })
        {
            using var stream = new MemoryStream();
            model.Save(stream);
            stream.Position = 0;
            var loaded = MlpModelParameters.Load(stream);
            Assert.AreEqual(model.Architecture.ToString(), loaded.Architecture.ToString());
            CollectionAssert.AreEqual(model.Classes.Names.ToArray(), loaded.Classes.Names.ToArray());
        }
    }
}
