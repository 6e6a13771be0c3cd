using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Model;
using AttrHpo.Generators.Parsing;

namespace AttrHpo.Generators.Emitting;

/// <summary>Writes the worker shim: a sealed subclass of the runtime's <c>ObjectiveDefinition&lt;TParameters&gt;</c>.</summary>
internal static class ShimEmitter
{
    private const string Runtime = "global::AttrHpo.";
    private const string Json = "global::AttrHpo.ParameterJson.";

    public static void Write(SourceWriter writer, ObjectiveSpec spec)
    {
        var parameters = spec.ParametersTypeName;
        var hyperparameters = spec.Parameters.Where(p => p.IsHyperparameter).ToList();
        using (writer.Block($"internal sealed class Shim : {Runtime}ObjectiveDefinition<{parameters}>"))
        {
            foreach (var parameter in hyperparameters)
            {
                WriteFields(writer, parameter);
            }

            if (spec.IsInstance)
            {
                InstanceEmitter.WriteFields(writer, spec);
            }

            writer.Line();
            WriteConstructor(writer, spec, hyperparameters);
            writer.Line();
            using (writer.Block($"public override {parameters} Decode(global::System.ReadOnlySpan<double> point)"))
            {
                writer.Line("CheckPoint(point.Length);");
                writer.Line($"return new {parameters}(");
                WriteArguments(writer, hyperparameters.Select((p, i) => Decode(p, i)).ToList());
            }

            writer.Line();
            using (writer.Block($"public override void Encode({parameters} parameters, global::System.Span<double> point)"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
                writer.Line("CheckPoint(point.Length);");
                for (var i = 0; i < hyperparameters.Count; i++)
                {
                    writer.Line($"point[{Literals.Integer(i)}] = {Encode(hyperparameters[i])};");
                }
            }

            writer.Line();
            using (writer.Block($"public override void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {parameters} parameters)"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
                writer.Line("writer.WriteStartObject();");
                foreach (var parameter in hyperparameters)
                {
                    writer.Line(WriteJson(parameter, "parameters." + parameter.PropertyName));
                }

                writer.Line("writer.WriteEndObject();");
            }

            if (hyperparameters.Any(p => p.Default is not null))
            {
                // The C# defaults, for a new version of a study whose earlier versions' trials lack a parameter.
                writer.Line();
                using (writer.Block("public override void WriteDefaultJson(global::System.Text.Json.Utf8JsonWriter writer)"))
                {
                    writer.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
                    writer.Line("writer.WriteStartObject();");
                    foreach (var parameter in hyperparameters.Where(p => p.Default is not null))
                    {
                        writer.Line(parameter.Choices?.Json == ChoiceJson.EnumName
                            ? $"writer.WriteString({Literals.String(parameter.Name)}, {parameter.Default}.ToString());"
                            : WriteJson(parameter, parameter.Default!));
                    }

                    writer.Line("writer.WriteEndObject();");
                }
            }

            writer.Line();
            using (writer.Block($"public override {parameters} ReadJson(global::System.Text.Json.JsonElement json)"))
            {
                writer.Line($"return new {parameters}(");
                WriteArguments(writer, hyperparameters.Select(ReadJson).ToList());
            }

            if (spec.NeedsAccelerator)
            {
                writer.Line();
                writer.Line("public override bool NeedsAccelerator => true;");
            }

            writer.Line();
            WriteInvoke(writer, spec);
            if (spec.IsInstance)
            {
                writer.Line();
                InstanceEmitter.WriteTarget(writer, spec);
            }
        }
    }

    private static void WriteFields(SourceWriter writer, ParameterSpec parameter)
    {
        var name = Literals.String(parameter.Name);
        var field = DimensionField(parameter);
        if (parameter.Range is { } range)
        {
            var kind = parameter.Kind == ParameterKind.Real ? "RealDimension" : "IntegerDimension";
            var step = range.Step.Length > 0 ? range.Step : "0.0";
            writer.Line($"private static readonly {Runtime}{kind} {field} = new({name}, {range.Low}, {range.High}, log: {Literals.Boolean(range.Log)}, step: {step});");
        }
        else if (parameter.Choices is { } choices)
        {
            writer.Line($"private static readonly {parameter.TypeName}[] {ValuesField(parameter)} = new {parameter.TypeName}[] {{ {string.Join(", ", choices.Values)} }};");
            var labels = string.Join(", ", choices.Labels.Select(Literals.String));
            writer.Line($"private static readonly {Runtime}CategoricalDimension {field} = new({name}, new string[] {{ {labels} }});");
        }
    }

    private static void WriteConstructor(SourceWriter writer, ObjectiveSpec spec, IReadOnlyList<ParameterSpec> hyperparameters)
    {
        var direction = spec.Maximize ? "Maximize" : "Minimize";
        var dimensions = string.Join(", ", hyperparameters.Select(DimensionField));
        var budget = spec.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Budget) is { Budget: { } b } parameter
            ? $"new {Runtime}BudgetRange({Literals.String(parameter.Name)}, {b.Min}, {b.Max})"
            : "null";
        if (spec.IsInstance)
        {
            InstanceEmitter.WriteConstructors(writer, spec);
        }
        else
        {
            writer.Line("public Shim()");
        }

        writer.Line("    : base(");
        writer.Line($"        {Literals.String(spec.Id)},");
        writer.Line($"        {Literals.String(spec.DisplayName)},");
        writer.Line($"        {Runtime}Direction.{direction},");
        writer.Line($"        new {Runtime}SearchSpace(new {Runtime}Dimension[] {{ {dimensions} }}),");
        writer.Line($"        {budget})");
        writer.Line("{");
        if (spec.IsInstance)
        {
            writer.Line("    _instance = instance;");
        }

        writer.Line("}");
    }

    private static void WriteInvoke(SourceWriter writer, ObjectiveSpec spec)
    {
        var arguments = string.Join(", ", spec.Parameters.Select(Argument));
        var target = spec.IsInstance ? "Target(trial)" : spec.QualifiedContainingType;
        var call = $"{target}.{Identifiers.Escape(spec.MethodName)}({arguments})";
        var signature = $"({spec.ParametersTypeName} parameters, {Runtime}TrialContext trial, global::System.Threading.CancellationToken cancellationToken)";
        if (spec.Return.Wrapper == ReturnWrapper.None)
        {
            using (writer.Block($"public override global::System.Threading.Tasks.ValueTask<double> InvokeAsync{signature}"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
                writer.Line($"return new global::System.Threading.Tasks.ValueTask<double>({call});");
            }

            return;
        }

        using (writer.Block($"public override async global::System.Threading.Tasks.ValueTask<double> InvokeAsync{signature}"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
            writer.Line($"return await {call}.ConfigureAwait(false);");
        }
    }

    private static void WriteArguments(SourceWriter writer, List<string> arguments)
    {
        if (arguments.Count == 0)
        {
            writer.Line("    );");
            return;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line($"    {arguments[i]}{(i == arguments.Count - 1 ? ");" : ",")}");
        }
    }

    private static string Argument(ParameterSpec parameter) => parameter.Kind switch
    {
        ParameterKind.Budget => $"trial.GetBudget({parameter.Budget!.Max})",
        ParameterKind.TrialContext => "trial",
        ParameterKind.CancellationToken => "cancellationToken",
        ParameterKind.Accelerator or ParameterKind.Device => $"trial.GetResource<{parameter.TypeName}>()",
        _ => "parameters." + parameter.PropertyName,
    };

    private static string Decode(ParameterSpec parameter, int index)
    {
        var coordinate = $"point[{Literals.Integer(index)}]";
        var field = DimensionField(parameter);
        return parameter switch
        {
            { Range.IsSingle: true, Kind: ParameterKind.Real } => $"(float){field}.Decode({coordinate})",
            { Range.IsSingle: true, Kind: ParameterKind.Integer } => $"(int){field}.Decode({coordinate})",
            { Range: not null } => $"{field}.Decode({coordinate})",
            _ => $"{ValuesField(parameter)}[{field}.Decode({coordinate})]",
        };
    }

    private static string Encode(ParameterSpec parameter)
    {
        var value = "parameters." + parameter.PropertyName;
        var field = DimensionField(parameter);
        return parameter.Range is not null
            ? $"{field}.Encode({value})"
            : $"{field}.Encode({field}.IndexOfValue({value}, {ValuesField(parameter)}))";
    }

    private static string WriteJson(ParameterSpec parameter, string value)
    {
        var name = Literals.String(parameter.Name);
        var field = DimensionField(parameter);
        return parameter switch
        {
            { Range: not null } => $"writer.WriteNumber({name}, {value});",
            { Choices.Json: ChoiceJson.String } => $"writer.WriteString({name}, {value});",
            { Choices.Json: ChoiceJson.Boolean } => $"writer.WriteBoolean({name}, {value});",
            { Choices.Json: ChoiceJson.EnumName } => $"writer.WriteString({name}, {field}.Labels[{field}.IndexOfValue({value}, {ValuesField(parameter)})]);",
            _ => $"writer.WriteNumber({name}, {value});",
        };
    }

    private static string ReadJson(ParameterSpec parameter)
    {
        var name = Literals.String(parameter.Name);
        var field = DimensionField(parameter);
        var values = ValuesField(parameter);
        return parameter switch
        {
            { Range.IsSingle: true, Kind: ParameterKind.Real } => $"{Json}GetSingle(json, {field})",
            { Range.IsSingle: true, Kind: ParameterKind.Integer } => $"(int){Json}GetInteger(json, {field})",
            { Kind: ParameterKind.Real } => $"{Json}GetReal(json, {field})",
            { Kind: ParameterKind.Integer } => $"{Json}GetInteger(json, {field})",
            { Choices.Json: ChoiceJson.EnumName } => $"{values}[{Json}IndexOfChoice({name}, {Json}GetString(json, {name}), {field}.Labels)]",
            { Choices.Json: var kind } => $"{values}[{Json}IndexOfChoice({name}, {Json}Get{JsonReader(kind)}(json, {name}), {values})]",
            _ => throw new InvalidOperationException($"Parameter {parameter.Name} is not a hyperparameter."),
        };
    }

    private static string JsonReader(ChoiceJson kind) => kind switch
    {
        ChoiceJson.String => "String",
        ChoiceJson.Boolean => "Boolean",
        ChoiceJson.Double => "Double",
        ChoiceJson.Single => "Single",
        ChoiceJson.Int32 => "Int32",
        _ => "Int64",
    };

    private static string DimensionField(ParameterSpec parameter) => $"s_{parameter.Name}Dimension";

    private static string ValuesField(ParameterSpec parameter) => $"s_{parameter.Name}Values";
}
