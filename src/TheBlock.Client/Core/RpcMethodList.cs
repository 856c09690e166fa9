namespace TheBlock.Client.Core;

/// <summary>Result of <c>rpc.methods</c>: every method the node serves, ordered by name.</summary>
public sealed record RpcMethodList(IReadOnlyList<RpcMethodInfo> Methods);

/// <summary>One served method and the role that may call it: <c>public</c>, <c>admin</c>, <c>oracle</c> or <c>emitter</c>.</summary>
public sealed record RpcMethodInfo(string Name, string Role);
