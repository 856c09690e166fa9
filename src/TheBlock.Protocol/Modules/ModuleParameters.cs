namespace TheBlock.Protocol.Modules;

/// <summary>
/// The genesis file's <c>modules</c> section: per module, the parameters it sets. A parameter left out takes its
/// declared default, so a genesis names only what it changes; the section is part of the genesis hash like the rest.
/// </summary>
public sealed class ModuleParameters
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ulong>> _sections;

    public ModuleParameters(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ulong>> sections) => _sections = sections;

    public static ModuleParameters None { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, ulong>>());

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ulong>> Sections => _sections;

    public ulong Get(string module, ModuleParameter parameter) =>
        _sections.TryGetValue(module, out var section) && section.TryGetValue(parameter.Name, out var value) ? value : parameter.Default;

    /// <summary>Sections of modules the chain does not run, parameters a module does not declare, and values out of range.</summary>
    public IEnumerable<string> Problems(ChainModules modules)
    {
        foreach (var (name, section) in _sections)
        {
            var module = modules.All.FirstOrDefault(m => m.Name == name);
            if (module is null)
            {
                yield return $"modules.{name}: this chain runs no module \"{name}\" (it runs {string.Join(", ", modules.All.Select(m => m.Name))})";
                continue;
            }

            foreach (var (parameterName, value) in section)
            {
                var parameter = module.Parameters.FirstOrDefault(p => p.Name == parameterName);
                if (parameter is null)
                {
                    yield return $"modules.{name}.{parameterName}: the module has no such parameter (it has {string.Join(", ", module.Parameters.Select(p => p.Name))})";
                }
                else if (parameter.Problem(name, value) is { } problem)
                {
                    yield return problem;
                }
            }
        }
    }
}
