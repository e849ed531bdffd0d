// Usage: NeuralNet.MLExtensions.Weaver ASSEMBLY.dll MICROSOFT.ML.CORE.dll "SEARCH-DIRECTORY;SEARCH-DIRECTORY;..."
//
// ML.NET finds a model's loader through [assembly: LoadableClass(...)] attributes, whose type is internal to
// Microsoft.ML.Core, so C# cannot write them. Our assemblies declare the same facts with their own
// [assembly: MlNetLoadableClass(instanceType, loaderType, loadName, userName)] attribute; this tool adds the
// matching ML.NET attribute to the compiled assembly (once: running it again changes nothing).
using Mono.Cecil;
using Mono.Cecil.Pdb;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: NeuralNet.MLExtensions.Weaver ASSEMBLY.dll MICROSOFT.ML.CORE.dll \"SEARCH-DIRECTORY;...\"");
    return 2;
}

try
{
    return Weaver.Run(args[0], args[1], args[2].Split(';', StringSplitOptions.RemoveEmptyEntries));
}
catch (Exception e)
{
    Console.Error.WriteLine($"NeuralNet.MLExtensions.Weaver: error: {e.Message}");
    return 1;
}

internal static class Weaver
{
    private const string DeclarationAttribute = "NeuralNet.MLExtensions.MlNetLoadableClassAttribute";
    private const string MlNetAttribute = "Microsoft.ML.LoadableClassAttribute";
    private const string LoadSignature = "Microsoft.ML.SignatureLoadModel";

    public static int Run(string assemblyPath, string corePath, string[] searchDirectories)
    {
        if (!File.Exists(corePath)) throw new InvalidOperationException($"Microsoft.ML.Core.dll not found at '{corePath}'.");
        var resolver = new DefaultAssemblyResolver();
        foreach (var dir in searchDirectories.Append(Path.GetDirectoryName(assemblyPath)).Distinct())
            if (!string.IsNullOrEmpty(dir)) resolver.AddSearchDirectory(dir);

        // Read from memory so the file can be rewritten in place.
        string pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        bool hasSymbols = File.Exists(pdbPath);
        var assemblyBytes = new MemoryStream(File.ReadAllBytes(assemblyPath));
        var pdbBytes = hasSymbols ? new MemoryStream(File.ReadAllBytes(pdbPath)) : null;
        using var module = ModuleDefinition.ReadModule(assemblyBytes, new ReaderParameters
        {
            AssemblyResolver = resolver,
            ReadSymbols = hasSymbols,
            SymbolStream = pdbBytes,
            SymbolReaderProvider = hasSymbols ? new PdbReaderProvider() : null,
        });
        using var core = ModuleDefinition.ReadModule(corePath, new ReaderParameters { AssemblyResolver = resolver });

        var declarations = module.Assembly.CustomAttributes.Where(a => a.AttributeType.FullName == DeclarationAttribute).ToList();
        if (declarations.Count == 0)
        {
            Console.WriteLine($"NeuralNet.MLExtensions.Weaver: {Path.GetFileName(assemblyPath)} declares no loadable classes.");
            return 0;
        }

        var attributeType = core.GetType(MlNetAttribute) ?? throw new InvalidOperationException($"Microsoft.ML.Core has no {MlNetAttribute}.");
        var signature = core.GetType(LoadSignature) ?? throw new InvalidOperationException($"Microsoft.ML.Core has no {LoadSignature}.");
        // LoadableClassAttribute(Type instType, Type loaderType, Type argType, Type sigType, string userName, params string[] loadNames)
        var constructor = attributeType.Methods.SingleOrDefault(m => m.IsConstructor && m.Parameters.Count == 6
            && m.Parameters[0].ParameterType.FullName == "System.Type" && m.Parameters[1].ParameterType.FullName == "System.Type"
            && m.Parameters[3].ParameterType.FullName == "System.Type" && m.Parameters[5].ParameterType.FullName == "System.String[]")
            ?? throw new InvalidOperationException($"{MlNetAttribute} has no constructor (Type, Type, Type, Type, string, string[]).");
        var constructorReference = module.ImportReference(constructor);
        var typeType = constructorReference.Parameters[0].ParameterType;
        var stringType = module.TypeSystem.String;
        var stringArray = constructorReference.Parameters[5].ParameterType;
        var signatureReference = module.ImportReference(signature);

        var existing = module.Assembly.CustomAttributes
            .Where(a => a.AttributeType.FullName == MlNetAttribute)
            .Select(a => LoadNames(a).FirstOrDefault())
            .ToHashSet();
        int added = 0;
        foreach (var declaration in declarations)
        {
            var instance = (TypeReference)declaration.ConstructorArguments[0].Value;
            var loader = (TypeReference)declaration.ConstructorArguments[1].Value;
            var loadName = (string)declaration.ConstructorArguments[2].Value;
            var userName = (string)declaration.ConstructorArguments[3].Value;
            if (existing.Contains(loadName)) continue;
            var attribute = new CustomAttribute(constructorReference);
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(typeType, instance));
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(typeType, loader));
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(typeType, null));
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(typeType, signatureReference));
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(stringType, userName));
            attribute.ConstructorArguments.Add(new CustomAttributeArgument(stringArray, new[] { new CustomAttributeArgument(stringType, loadName) }));
            module.Assembly.CustomAttributes.Add(attribute);
            added++;
        }
        if (added == 0)
        {
            Console.WriteLine($"NeuralNet.MLExtensions.Weaver: {Path.GetFileName(assemblyPath)} already carries its loadable classes.");
            return 0;
        }

        var output = new MemoryStream();
        var pdbOutput = hasSymbols ? new MemoryStream() : null;
        module.Write(output, new WriterParameters { WriteSymbols = hasSymbols, SymbolStream = pdbOutput, SymbolWriterProvider = hasSymbols ? new PdbWriterProvider() : null });
        File.WriteAllBytes(assemblyPath, output.ToArray());
        if (pdbOutput is not null) File.WriteAllBytes(pdbPath, pdbOutput.ToArray());
        Console.WriteLine($"NeuralNet.MLExtensions.Weaver: added {added} ML.NET loadable class attribute(s) to {Path.GetFileName(assemblyPath)}.");
        return 0;
    }

    private static IEnumerable<string> LoadNames(CustomAttribute attribute) =>
        attribute.ConstructorArguments.Count > 0 && attribute.ConstructorArguments[^1].Value is CustomAttributeArgument[] names
            ? names.Select(n => (string)n.Value)
            : [];
}
