using System.Globalization;
using TheBlock.Protocol.Modules;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Reads <c>--module-param MODULE.NAME=VALUE</c> flags into the genesis's module parameters, so a devnet can rehearse
/// with, say, a long dispute window. Which modules and names exist is checked with the genesis, by the modules themselves.
/// </summary>
public static class ModuleParameterFlags
{
    public static ModuleParameters Parse(IEnumerable<string> flags)
    {
        var sections = new Dictionary<string, Dictionary<string, ulong>>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            var dot = flag.IndexOf('.', StringComparison.Ordinal);
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (dot <= 0 || equals <= dot + 1 || !ulong.TryParse(flag.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new StartupException($"--module-param \"{flag}\" is not MODULE.NAME=VALUE with a whole-number value (e.g. energy.dispute_window_blocks=600)");
            }

            var module = flag[..dot];
            var name = flag[(dot + 1)..equals];
            if (!sections.TryGetValue(module, out var section))
            {
                section = new Dictionary<string, ulong>(StringComparer.Ordinal);
                sections[module] = section;
            }

            if (!section.TryAdd(name, value))
            {
                throw new StartupException($"--module-param {module}.{name} is given twice");
            }
        }

        return new ModuleParameters(sections.ToDictionary(pair => pair.Key, IReadOnlyDictionary<string, ulong> (pair) => pair.Value, StringComparer.Ordinal));
    }
}
