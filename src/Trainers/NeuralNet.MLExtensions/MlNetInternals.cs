using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The one place that reaches into ML.NET internals. Why: ML.NET 5.0.1 makes the constructors of
/// <see cref="TrainerInfo"/> and <see cref="SchemaShape.Column"/>, the catalog's environment, and everything of
/// model saving and loading (<c>ModelSaveContext</c>'s members, <c>ModelLoadContext</c>, <c>VersionInfo</c>) internal,
/// yet an outside trainer must return the first two, needs the third for the MLContext's seed and log, and the rest
/// for <c>mlContext.Model.Save/Load</c>. (The loader's registration is an attribute added at build time: see
/// build/Weaving.targets.) Every member is
/// looked up once, by name, and a missing one fails with a message naming it; tests call <see cref="Verify"/> so an
/// ML.NET upgrade that changes any of them fails loudly. Microsoft.ML is pinned to 5.0.1 for this reason.
/// </summary>
internal static partial class MlNetInternals
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Lazy<ConstructorInfo> TrainerInfoConstructor = new(() =>
        Require(typeof(TrainerInfo).GetConstructor(Any, [typeof(bool), typeof(bool), typeof(bool), typeof(bool), typeof(bool), typeof(bool)]),
            "TrainerInfo..ctor(bool normalization, bool calibration, bool caching, bool supportValid, bool supportIncrementalTrain, bool supportTest)"));

    private static readonly Lazy<ConstructorInfo> SchemaShapeColumnConstructor = new(() =>
        Require(typeof(SchemaShape.Column).GetConstructor(Any,
                [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)]),
            "SchemaShape.Column..ctor(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape annotations)"));

    private static readonly Lazy<PropertyInfo> CatalogEnvironment = new(() =>
    {
        Type? catalogInterface = typeof(MLContext).Assembly.GetType("Microsoft.ML.Data.IInternalCatalog");
        return Require(catalogInterface?.GetProperty("Environment", Any), "Microsoft.ML.Data.IInternalCatalog.Environment");
    });

    private static readonly Lazy<MethodInfo> CancelExecutionMethod = new(() =>
        Require(typeof(MLContext).GetMethod("CancelExecution", Any, Type.EmptyTypes), "MLContext.CancelExecution()"));

    private static readonly Lazy<PropertyInfo> IsCanceledProperty = new(() =>
    {
        Type? cancelable = typeof(IHostEnvironment).Assembly.GetType("Microsoft.ML.Runtime.ICancelable");
        return Require(cancelable?.GetProperty("IsCanceled", Any), "Microsoft.ML.Runtime.ICancelable.IsCanceled");
    });

    private static readonly Assembly Core = typeof(IHostEnvironment).Assembly;

    private static readonly Lazy<Type> VersionInfoType = new(() =>
        Require(Core.GetType("Microsoft.ML.VersionInfo"), "Microsoft.ML.VersionInfo"));

    private static readonly Lazy<ConstructorInfo> VersionInfoConstructor = new(() =>
        Require(VersionInfoType.Value.GetConstructor(Any,
                [typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string)]),
            "VersionInfo..ctor(string modelSignature, uint verWrittenCur, uint verReadableCur, uint verWeCanReadBack, string loaderAssemblyName, string loaderSignature, string loaderSignatureAlt)"));

    private static readonly Lazy<MethodInfo> SaveCheckAtModel = new(() =>
        Require(typeof(ModelSaveContext).GetMethod("CheckAtModel", Any, Type.EmptyTypes), "ModelSaveContext.CheckAtModel()"));

    private static readonly Lazy<MethodInfo> SaveSetVersionInfo = new(() =>
        Require(typeof(ModelSaveContext).GetMethod("SetVersionInfo", Any, [VersionInfoType.Value]), "ModelSaveContext.SetVersionInfo(VersionInfo)"));

    private static readonly Lazy<FieldInfo> SaveWriter = new(() =>
        Require(typeof(ModelSaveContext).GetField("Writer", Any), "ModelSaveContext.Writer"));

    private static readonly Lazy<Type> LoadContextType = new(() =>
        Require(Core.GetType("Microsoft.ML.ModelLoadContext"), "Microsoft.ML.ModelLoadContext"));

    private static readonly Lazy<MethodInfo> LoadCheckAtModel = new(() =>
        Require(LoadContextType.Value.GetMethod("CheckAtModel", Any, [VersionInfoType.Value]), "ModelLoadContext.CheckAtModel(VersionInfo)"));

    private static readonly Lazy<FieldInfo> LoadReader = new(() =>
        Require(LoadContextType.Value.GetField("Reader", Any), "ModelLoadContext.Reader"));

    /// <summary>Touches every internal member used, so a changed ML.NET fails here with the member's name.</summary>
    public static void Verify()
    {
        _ = TrainerInfoConstructor.Value;
        _ = SchemaShapeColumnConstructor.Value;
        _ = CatalogEnvironment.Value;
        _ = CancelExecutionMethod.Value;
        _ = IsCanceledProperty.Value;
        _ = VersionInfoConstructor.Value;
        _ = SaveCheckAtModel.Value;
        _ = SaveSetVersionInfo.Value;
        _ = SaveWriter.Value;
        _ = LoadCheckAtModel.Value;
        _ = LoadReader.Value;
        VerifyOnnx();
        if (Core.GetType("Microsoft.ML.LoadableClassAttribute") is null || Core.GetType("Microsoft.ML.SignatureLoadModel") is null)
            throw new MissingMemberException("NeuralNet.MLExtensions needs Microsoft.ML.LoadableClassAttribute and Microsoft.ML.SignatureLoadModel (added to our assembly at build time).");
    }

    /// <summary>ML.NET's description of a saved component: its signature, versions and how to find its loader.</summary>
    internal readonly record struct ModelVersion(string ModelSignature, uint Version, string LoaderSignature, Assembly LoaderAssembly);

    private static object CreateVersionInfo(ModelVersion v) =>
        VersionInfoConstructor.Value.Invoke([v.ModelSignature, v.Version, v.Version, v.Version, v.LoaderAssembly.FullName, v.LoaderSignature, null]);

    /// <summary>Writes a component into an ML.NET model: header with <paramref name="version"/>, then our bytes.</summary>
    public static void SaveModel(ModelSaveContext context, ModelVersion version, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        SaveCheckAtModel.Value.Invoke(context, null);
        SaveSetVersionInfo.Value.Invoke(context, [CreateVersionInfo(version)]);
        write((BinaryWriter)SaveWriter.Value.GetValue(context)!);
    }

    /// <summary>
    /// In a loader's <c>Create(IHostEnvironment, object ctx)</c>: checks the header against <paramref name="version"/>
    /// and returns the reader positioned at our bytes.
    /// </summary>
    public static BinaryReader OpenModel(object loadContext, ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(loadContext);
        if (!LoadContextType.Value.IsInstanceOfType(loadContext))
            throw new ArgumentException($"Expected ML.NET's ModelLoadContext; got {loadContext.GetType().FullName}.", nameof(loadContext));
        try
        {
            LoadCheckAtModel.Value.Invoke(loadContext, [CreateVersionInfo(version)]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidDataException($"The ML.NET model entry is not a readable {version.ModelSignature} component: {e.InnerException.Message}", e.InnerException);
        }
        return (BinaryReader)LoadReader.Value.GetValue(loadContext)!;
    }

    /// <summary>A <see cref="TrainerInfo"/> for a trainer with the given needs.</summary>
    public static TrainerInfo CreateTrainerInfo(bool normalization, bool caching, bool supportValid, bool supportIncrementalTrain) =>
        (TrainerInfo)TrainerInfoConstructor.Value.Invoke([normalization, false, caching, supportValid, supportIncrementalTrain, false]);

    /// <summary>A column of a <see cref="SchemaShape"/>, as <c>GetOutputSchema</c> must return them.</summary>
    public static SchemaShape.Column CreateColumn(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null) =>
        (SchemaShape.Column)SchemaShapeColumnConstructor.Value.Invoke([name, kind, itemType, isKey, annotations ?? new SchemaShape([])]);

    /// <summary>The environment (the MLContext) behind a catalog.</summary>
    public static IHostEnvironment EnvironmentOf(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return (IHostEnvironment)(CatalogEnvironment.Value.GetValue(catalog)
            ?? throw new InvalidOperationException("The catalog has no ML.NET environment."));
    }

    /// <summary>
    /// Calls ML.NET's own <c>MLContext.CancelExecution()</c> (not public in 5.0.1), which marks the context and every
    /// component registered on it as cancelled; a running <c>Fit</c> stops before its next mini-batch.
    /// </summary>
    public static void CancelExecution(MLContext mlContext) => CancelExecutionMethod.Value.Invoke(mlContext, null);

    /// <summary>True once <c>MLContext.CancelExecution()</c> has been called on the environment.</summary>
    public static bool IsCanceled(IHostEnvironment environment) =>
        IsCanceledProperty.Value.DeclaringType!.IsInstanceOfType(environment) && (bool)IsCanceledProperty.Value.GetValue(environment)!;

    private static T Require<T>(T? member, string description) where T : class =>
        member ?? throw new MissingMemberException(
            $"NeuralNet.MLExtensions needs the ML.NET internal member {description}, which this version of Microsoft.ML " +
            $"({typeof(MLContext).Assembly.GetName().Version}) does not have. The library is built and tested against Microsoft.ML 5.0.1.");
}
