namespace NeuralNet.MLExtensions;

/// <summary>
/// Declares a class ML.NET's model loader must find: <paramref name="loaderType"/> has a public static
/// <c>Create(IHostEnvironment, object)</c> returning <paramref name="instanceType"/>, registered under
/// <paramref name="loadName"/>. ML.NET's own attribute for this is internal, so a build step (build/Weaving.targets)
/// turns each declaration into ML.NET's attribute in the compiled assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class MlNetLoadableClassAttribute(Type instanceType, Type loaderType, string loadName, string userName) : Attribute
{
    public Type InstanceType { get; } = instanceType;
    public Type LoaderType { get; } = loaderType;
    public string LoadName { get; } = loadName;
    public string UserName { get; } = userName;
}
