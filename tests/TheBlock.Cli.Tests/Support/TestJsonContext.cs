using System.Text.Json.Serialization;

namespace TheBlock.Cli.Tests.Support;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
