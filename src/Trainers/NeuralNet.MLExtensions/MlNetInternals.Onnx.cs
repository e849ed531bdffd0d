using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Onnx;

namespace NeuralNet.MLExtensions;

/// <summary>
/// ML.NET's ONNX extension point, reached here and nowhere else. Why: <c>mlContext.Model.ConvertToOnnx</c> walks back
/// from the pipeline's output view through the views that implement its internal <c>IDataTransform</c> (each knows its
/// <c>Source</c>), and asks each, through the internal <c>ITransformCanSaveOnnx</c>, to write its nodes into the
/// internal <c>OnnxContext</c>. A view that is not such a transform ends the walk silently: its columns become graph
/// inputs and everything before it is dropped. So the views our transformers return implement both interfaces through a
/// <see cref="DispatchProxy"/> (<see cref="OnnxExportableView"/>), and our emitters call the context's members by
/// reflection through <see cref="OnnxGraph"/>. Each member is looked up once, by name; <see cref="VerifyOnnx"/> touches
/// them all so a changed ML.NET fails a test naming the member.
/// </summary>
internal static partial class MlNetInternals
{
    private static readonly Assembly DataAssembly = typeof(MLContext).Assembly;

    private static readonly Lazy<Type> OnnxContextType = new(() =>
        Require(DataAssembly.GetType("Microsoft.ML.Model.OnnxConverter.OnnxContext"), "Microsoft.ML.Model.OnnxConverter.OnnxContext"));

    private static readonly Lazy<Type> OnnxNodeType = new(() =>
        Require(DataAssembly.GetType("Microsoft.ML.Model.OnnxConverter.OnnxNode"), "Microsoft.ML.Model.OnnxConverter.OnnxNode"));

    private static readonly Lazy<Type> TransformCanSaveOnnxType = new(() =>
        Require(DataAssembly.GetType("Microsoft.ML.Model.OnnxConverter.ITransformCanSaveOnnx"), "Microsoft.ML.Model.OnnxConverter.ITransformCanSaveOnnx"));

    private static readonly Lazy<Type> DataTransformType = new(() =>
        Require(DataAssembly.GetType("Microsoft.ML.Data.IDataTransform"), "Microsoft.ML.Data.IDataTransform"));

    private static readonly Lazy<PropertyInfo> DataTransformSource = new(() =>
        Require(DataTransformType.Value.GetProperty("Source", Any), "IDataTransform.Source"));

    private static readonly Lazy<MethodInfo> CanSaveOnnxMethod = new(() =>
        Require(DataAssembly.GetType("Microsoft.ML.Model.OnnxConverter.ICanSaveOnnx")?.GetMethod("CanSaveOnnx", Any, [OnnxContextType.Value]),
            "ICanSaveOnnx.CanSaveOnnx(OnnxContext)"));

    private static readonly Lazy<MethodInfo> ContainsColumnMethod = new(() => ContextMethod("ContainsColumn", typeof(string)));
    private static readonly Lazy<MethodInfo> GetVariableNameMethod = new(() => ContextMethod("GetVariableName", typeof(string)));
    private static readonly Lazy<MethodInfo> GetNodeNameMethod = new(() => ContextMethod("GetNodeName", typeof(string)));
    private static readonly Lazy<MethodInfo> AddIntermediateVariableMethod = new(() =>
        ContextMethod("AddIntermediateVariable", typeof(DataViewType), typeof(string), typeof(bool)));
    private static readonly Lazy<MethodInfo> CreateNodeMethod = new(() =>
        ContextMethod("CreateNode", typeof(string), typeof(IEnumerable<string>), typeof(IEnumerable<string>), typeof(string), typeof(string)));
    private static readonly Lazy<MethodInfo> AddFloatsMethod = new(() =>
        ContextMethod("AddInitializer", typeof(IEnumerable<float>), typeof(IEnumerable<long>), typeof(string), typeof(bool)));
    private static readonly Lazy<MethodInfo> AddDoublesMethod = new(() =>
        ContextMethod("AddInitializer", typeof(IEnumerable<double>), typeof(IEnumerable<long>), typeof(string), typeof(bool)));
    private static readonly Lazy<MethodInfo> AddLongsMethod = new(() =>
        ContextMethod("AddInitializer", typeof(IEnumerable<long>), typeof(IEnumerable<long>), typeof(string), typeof(bool)));
    private static readonly Lazy<MethodInfo> AddLongAttributeMethod = new(() => NodeMethod(typeof(long)));
    private static readonly Lazy<MethodInfo> AddLongsAttributeMethod = new(() => NodeMethod(typeof(IEnumerable<long>)));
    private static readonly Lazy<MethodInfo> AddFloatAttributeMethod = new(() => NodeMethod(typeof(double)));
    private static readonly Lazy<MethodInfo> AddTypeAttributeMethod = new(() => NodeMethod(typeof(Type)));

    /// <summary>Touches every ONNX member used, so a changed ML.NET fails here with the member's name.</summary>
    private static void VerifyOnnx()
    {
        _ = TransformCanSaveOnnxType.Value;
        _ = DataTransformSource.Value;
        _ = CanSaveOnnxMethod.Value;
        _ = ContainsColumnMethod.Value;
        _ = GetVariableNameMethod.Value;
        _ = GetNodeNameMethod.Value;
        _ = AddIntermediateVariableMethod.Value;
        _ = CreateNodeMethod.Value;
        _ = AddFloatsMethod.Value;
        _ = AddDoublesMethod.Value;
        _ = AddLongsMethod.Value;
        _ = AddLongAttributeMethod.Value;
        _ = AddLongsAttributeMethod.Value;
        _ = AddFloatAttributeMethod.Value;
        _ = AddTypeAttributeMethod.Value;
    }

    /// <summary>
    /// <paramref name="view"/> (what a transformer computes from <paramref name="source"/>) as a view ML.NET's ONNX
    /// converter walks through: an <c>ITransformCanSaveOnnx</c> whose nodes <paramref name="exporter"/> writes.
    /// </summary>
    public static IDataView OnnxExportable(IDataView view, IDataView source, IOnnxExportable exporter)
    {
        var proxy = (OnnxExportableView)DispatchProxy.Create(TransformCanSaveOnnxType.Value, typeof(OnnxExportableView));
        proxy.Initialize(view, source, exporter);
        return (IDataView)proxy;
    }

    /// <summary>True when <paramref name="context"/> is ML.NET's <c>OnnxContext</c>.</summary>
    public static bool IsOnnxContext(object? context) => context is not null && OnnxContextType.Value.IsInstanceOfType(context);

    /// <summary>The view a data transform reads, or null when <paramref name="view"/> is not an ML.NET data transform.</summary>
    public static IDataView? SourceOf(IDataView view) =>
        DataTransformType.Value.IsInstanceOfType(view) ? (IDataView?)DataTransformSource.Value.GetValue(view) : null;

    /// <summary>True when <paramref name="view"/> is a transform that says it can write itself into <paramref name="context"/>.</summary>
    public static bool CanSaveOnnx(IDataView view, object context) =>
        TransformCanSaveOnnxType.Value.IsInstanceOfType(view) && (bool)Invoke(CanSaveOnnxMethod.Value, view, context)!;

    internal static bool OnnxContainsColumn(object context, string column) => (bool)Invoke(ContainsColumnMethod.Value, context, column)!;
    internal static string OnnxVariableName(object context, string column) => (string)Invoke(GetVariableNameMethod.Value, context, column)!;
    internal static string OnnxNodeName(object context, string prefix) => (string)Invoke(GetNodeNameMethod.Value, context, prefix)!;

    internal static string OnnxAddVariable(object context, DataViewType? type, string column) =>
        (string)Invoke(AddIntermediateVariableMethod.Value, context, type, column, type is null)!;

    internal static object OnnxCreateNode(object context, string opType, string[] inputs, string[] outputs, string name) =>
        Invoke(CreateNodeMethod.Value, context, opType, inputs, outputs, name, "")!;

    internal static string OnnxAddInitializer(object context, Array values, long[] dims, string name)
    {
        MethodInfo method = values switch
        {
            float[] => AddFloatsMethod.Value,
            double[] => AddDoublesMethod.Value,
            long[] => AddLongsMethod.Value,
            _ => throw new ArgumentException($"No ONNX initializer of {values.GetType().Name} is used.", nameof(values)),
        };
        return (string)Invoke(method, context, values, dims, name, true)!;
    }

    internal static void OnnxAddAttribute(object node, string name, object value)
    {
        MethodInfo method = value switch
        {
            long => AddLongAttributeMethod.Value,
            long[] => AddLongsAttributeMethod.Value,
            double => AddFloatAttributeMethod.Value,
            Type => AddTypeAttributeMethod.Value,
            _ => throw new ArgumentException($"No ONNX attribute of {value.GetType().Name} is used.", nameof(value)),
        };
        Invoke(method, node, name, value);
    }

    private static MethodInfo ContextMethod(string name, params Type[] parameters) =>
        Require(OnnxContextType.Value.GetMethod(name, Any, parameters), $"OnnxContext.{name}({string.Join(", ", parameters.Select(p => p.Name))})");

    private static MethodInfo NodeMethod(Type value) =>
        Require(OnnxNodeType.Value.GetMethod("AddAttribute", Any, [typeof(string), value]), $"OnnxNode.AddAttribute(String, {value.Name})");

    // Calls an internal member, rethrowing what it throws rather than reflection's wrapper.
    private static object? Invoke(MethodInfo method, object target, params object?[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
