using System.Buffers.Binary;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// The events of a block as stored and as its header commits to them (docs/PROTOCOL.md, "Transaction results").
/// Each event encodes as: transaction index u32 (<see cref="EndOfBlock"/> for the end-of-block step) ‖ name
/// (u16-prefixed UTF-8) ‖ payload (u16-prefixed). The receipts root is the Merkle root of one leaf per transaction,
/// in block order, then one for the end-of-block step: SHA-256 of "TheBlock/result/v1" ‖ index u32 ‖ that part's
/// events, encoded as above.
/// </summary>
public static class BlockEvents
{
    public const uint EndOfBlock = uint.MaxValue;
    private static ReadOnlySpan<byte> ResultDomain => "TheBlock/result/v1"u8;

    public static byte[] Encode(IReadOnlyList<EmittedEvent> events)
    {
        var writer = new CanonicalWriter(64 * events.Count);
        foreach (var emitted in events)
        {
            Write(writer, emitted);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a block's stored events; an unknown name or a malformed payload is a <see cref="FormatException"/>.</summary>
    public static List<EmittedEvent> Decode(ReadOnlySpan<byte> encoded, ChainModules modules)
    {
        var reader = new CanonicalReader(encoded);
        var events = new List<EmittedEvent>();
        while (!reader.AtEnd)
        {
            var index = BinaryPrimitives.ReadUInt32LittleEndian(reader.Fixed(4, "transaction_index"));
            var name = reader.Utf8("event");
            var type = modules.EventTypeNamed(name) ?? throw new FormatException($"unknown event \"{name}\"");
            var payload = new CanonicalReader(reader.Variable("payload"));
            var chainEvent = type.Read(ref payload);
            payload.ExpectEnd($"event {name}");
            events.Add(new EmittedEvent(index == EndOfBlock ? null : checked((int)index), chainEvent));
        }

        return events;
    }

    /// <summary>The receipts root of a block with <paramref name="transactionCount"/> transactions that emitted <paramref name="events"/>.</summary>
    public static Hash32 ReceiptsRoot(int transactionCount, IReadOnlyList<EmittedEvent> events)
    {
        var parts = new CanonicalWriter?[transactionCount + 1];
        foreach (var emitted in events)
        {
            var part = emitted.TransactionIndex ?? transactionCount;
            Write(parts[part] ??= new CanonicalWriter(64), emitted);
        }

        var leaves = new Hash32[transactionCount + 1];
        for (var i = 0; i <= transactionCount; i++)
        {
            leaves[i] = Leaf(i == transactionCount ? EndOfBlock : (uint)i, parts[i]);
        }

        return MerkleRoot.Compute(leaves);
    }

    private static Hash32 Leaf(uint index, CanonicalWriter? events)
    {
        var body = events is null ? ReadOnlySpan<byte>.Empty : events.WrittenSpan;
        var buffer = new byte[ResultDomain.Length + 4 + body.Length];
        ResultDomain.CopyTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(ResultDomain.Length), index);
        body.CopyTo(buffer.AsSpan(ResultDomain.Length + 4));
        return Hash32.Sha256(buffer);
    }

    private static void Write(CanonicalWriter writer, EmittedEvent emitted)
    {
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(index, emitted.TransactionIndex is { } i ? checked((uint)i) : EndOfBlock);
        var payload = new CanonicalWriter(128);
        emitted.Event.Write(payload);
        writer.Fixed(index).Utf8(emitted.Event.Name).Variable(payload.WrittenSpan);
    }
}
