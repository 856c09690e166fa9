using System.Text.Json;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Treasury;

/// <summary>
/// Reads the fields of one JSON object for <see cref="ProposalDocument"/>, adding a <see cref="ProposalProblem"/>
/// (reason <c>invalid_field</c> unless told otherwise) for each field that is unknown, given twice, missing or of the
/// wrong type, and carrying on so the caller sees them all. A field given as <c>null</c> counts as absent.
/// Field names in problems are paths from the document's root: <c>expected_receipts[1].account</c>.
/// </summary>
internal sealed class JsonFieldReader
{
    // Valid JSON ("\ud800"), yet no .NET string can hold it: GetString throws, so it is caught and reported instead.
    private const string UnpairedSurrogate = "escapes an unpaired surrogate (\\ud800 to \\udfff)";

    // Looked up here, not on the JsonElement: its lookups by name throw on any member name that cannot be unescaped.
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private readonly List<ProposalProblem> _problems;

    public JsonFieldReader(JsonElement obj, string prefix, IReadOnlyList<string> known, List<ProposalProblem> problems)
    {
        _prefix = prefix;
        _problems = problems;

        foreach (var property in obj.EnumerateObject())
        {
            if (!TryReadName(property, out var name))
            {
                var holder = prefix.Length == 0 ? "proposal" : prefix.TrimEnd('.');
                _problems.Add(new ProposalProblem(holder, TreasuryReasons.InvalidField, $"a field name {UnpairedSurrogate}; expected only {string.Join(", ", known)}"));
            }
            else if (!known.Contains(name))
            {
                Add(name, $"unknown field \"{prefix}{name}\"; expected only {string.Join(", ", known)}");
            }
            else if (!_fields.TryAdd(name, property.Value))
            {
                // JsonDocument keeps both copies: refuse rather than guess which was meant.
                Add(name, $"{prefix}{name} is given more than once");
            }
        }
    }

    /// <summary>Whether the field is present with a value other than null.</summary>
    public bool Has(string name) => _fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? RequiredString(string name, string expected)
    {
        if (!Has(name))
        {
            Add(name, $"{_prefix}{name} is required: {expected}");
            return null;
        }

        return String(name);
    }

    /// <summary>The string, or "" when absent.</summary>
    public string OptionalString(string name) => Has(name) ? String(name) ?? string.Empty : string.Empty;

    /// <summary>A required ct1… address; an unparseable one is reported with <paramref name="badAddressReason"/> and the parser's sentence.</summary>
    public Address? RequiredAddress(string name, string badAddressReason)
    {
        var text = RequiredString(name, "a ct1… address");
        if (text is null)
        {
            return null;
        }

        if (Address.TryParse(text, out var address, out var error))
        {
            return address;
        }

        _problems.Add(new ProposalProblem(_prefix + name, badAddressReason, $"{_prefix}{name}: {error}"));
        return null;
    }

    /// <summary>The integer, or null when absent (or wrong, which is reported).</summary>
    public ulong? OptionalUInt64(string name) => _fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null
        ? UInt64(value, _prefix + name)
        : null;

    /// <summary>Each element read by <paramref name="readElement"/> (null for a wrong one, already reported); empty when absent.</summary>
    public IReadOnlyList<T?> OptionalArray<T>(string name, Func<JsonElement, string, T?> readElement)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(name, $"{_prefix}{name} must be an array, got {Describe(value)}");
            return [];
        }

        var items = new List<T?>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            items.Add(readElement(element, $"{_prefix}{name}[{index}]"));
            index++;
        }

        return items;
    }

    /// <summary>A JSON integer from 0 to <see cref="ulong.MaxValue"/>; strings, fractions, exponents and negatives are refused.</summary>
    public ulong? UInt64(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
        {
            return number;
        }

        var raw = value.GetRawText();
        var message = value.ValueKind switch
        {
            JsonValueKind.String when TryReadString(value, out var text) => $"{path} must be a JSON integer, not a string: write {text} without quotes",
            JsonValueKind.Number when raw.StartsWith('-') => $"{path} must not be negative, got {raw}",
            JsonValueKind.Number when raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 => $"{path} must be a whole number written without a fraction or exponent, got {raw}",
            JsonValueKind.Number => $"{path} is {raw}; at most {ulong.MaxValue} is allowed",
            _ => $"{path} must be a JSON integer, got {Describe(value)}",
        };
        _problems.Add(new ProposalProblem(path, TreasuryReasons.InvalidField, message));
        return null;
    }

    /// <summary>How a value is named in a message: "a number", "an array", "true", …</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private string? String(string name)
    {
        var value = _fields[name];
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, $"{_prefix}{name} must be a string, got {Describe(value)}");
            return null;
        }

        if (!TryReadString(value, out var text))
        {
            Add(name, $"{_prefix}{name} must be valid Unicode text: it {UnpairedSurrogate}");
            return null;
        }

        return text;
    }

    private static bool TryReadString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static bool TryReadName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private void Add(string name, string message) =>
        _problems.Add(new ProposalProblem(_prefix + name, TreasuryReasons.InvalidField, message));
}
