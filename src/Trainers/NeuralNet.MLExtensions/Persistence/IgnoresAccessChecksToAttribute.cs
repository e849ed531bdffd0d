// The runtime (not the compiler) honours this attribute: it lets ML.NET instantiate the LoadableClass attribute
// that the build step adds to this assembly, whose type is internal to Microsoft.ML.Core.
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: NeuralNet.MLExtensions.MlNetLoadableClass(
    typeof(NeuralNet.MLExtensions.MlpPredictionTransformer), typeof(NeuralNet.MLExtensions.Persistence.MlpTransformerLoader),
    NeuralNet.MLExtensions.Persistence.MlpTransformerLoader.LoaderSignature, "MLP prediction transformer")]

namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
    {
        public string AssemblyName { get; } = assemblyName;
    }
}
