using System.Reflection;
using System.Runtime.CompilerServices;
using NeuralNet.MLExtensions.Transforms;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// The build step of build/Weaving.targets: it adds ML.NET's LoadableClass attribute to both assemblies that declare
/// loaders, and keeps its up-to-date stamp in obj/ (per configuration), never in a source folder.
/// </summary>
[TestClass]
public sealed class WeavingTests
{
    [TestMethod]
    [DataRow(typeof(MlpPredictionTransformer), "MlpPredictor")]
    [DataRow(typeof(MlpHiddenLayerTransformer), "MlpHiddenLayer")]
    public void Build_WovenAssembly_CarriesLoadableClassForItsLoader(Type inAssembly, string signature)
    {
        var attribute = inAssembly.Assembly.GetCustomAttributesData()
            .SingleOrDefault(a => a.AttributeType.FullName == "Microsoft.ML.LoadableClassAttribute");
        Assert.IsNotNull(attribute, $"{inAssembly.Assembly.GetName().Name}.dll carries ML.NET's LoadableClass attribute");
        var names = (IReadOnlyCollection<CustomAttributeTypedArgument>)attribute.ConstructorArguments[^1].Value!;
        Assert.AreEqual(signature, names.Single().Value);
    }

    [TestMethod]
    public void Build_WeavingStamp_NeverInASourceFolder()
    {
        // The stamp used to be evaluated before IntermediateOutputPath was set, so it landed in the project folder as
        // ".woven" (and Debug and Release shared it, so the second configuration built was never woven).
        string root = RepositoryRoot();
        var stray = Directory.EnumerateFiles(root, "*.woven", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin" or ".git"))
            .ToArray();
        Assert.IsEmpty(stray, $"weaving stamps outside obj/: {string.Join(", ", stray)}");
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
