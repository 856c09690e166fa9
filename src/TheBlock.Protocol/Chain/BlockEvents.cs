using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// The events of a block as stored and as its header commits to them (docs/PROTOCOL.md, "Transaction results").
/// Each event encodes as: transaction index u32 (<see cref="EndOfBlock"/> for the end-of-block step) ‖ name
/// (u16-prefixed UTF-8) ‖ payload (u16-prefixed). The receipts root is the Merkle root of one leaf per transaction
/// that emitted events, in block order, then one for the end-of-block step (always present): SHA-256 of
/// "TheBlock/result/v1" ‖ index u32 ‖ that part's events, encoded as above.
/// </summary>
public static class BlockEvents
{
    public const uint EndOfBlock = uint.MaxValue;
    private static ReadOnlySpan<byte> ResultDomain => "TheBlock/result/v1"u8;

    public static byte[] Encode(IReadOnlyList<EmittedEvent> events)
    {
        var writer = new CanonicalWriter(64 * events.Count);
        var payload = new CanonicalWriter(256);
        foreach (var emitted in events)
        {
            Write(writer, payload, emitted);
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

    /// <summary>
    /// The receipts root of a block with <paramref name="transactionCount"/> transactions that emitted
    /// <paramref name="events"/>, which come in the order they were emitted: by transaction, then the end-of-block step's.
    /// Only transactions that emitted events have a leaf (the others' result is empty, and the leaf's index says which
    /// transaction it is), so a block of plain transfers costs one hash.
    /// </summary>
    public static Hash32 ReceiptsRoot(int transactionCount, IReadOnlyList<EmittedEvent> events)
    {
        var leaves = new List<Hash32>();
        var payload = new CanonicalWriter(256);
        var next = 0;
        while (next < events.Count && events[next].TransactionIndex is { } index)
        {
            if (index >= transactionCount || (leaves.Count > 0 && index <= (int)events[next - 1].TransactionIndex!))
            {
                throw new InvariantViolationException($"event {next} of the block names transaction {index}, out of emission order");
            }

            var part = new CanonicalWriter(128);
            for (; next < events.Count && events[next].TransactionIndex == index; next++)
            {
                Write(part, payload, events[next]);
            }

            leaves.Add(Leaf((uint)index, part.WrittenSpan));
        }

        var endOfBlock = new CanonicalWriter(128);
        for (; next < events.Count; next++)
        {
            if (events[next].TransactionIndex is not null)
            {
                throw new InvariantViolationException($"event {next} of the block names a transaction after the end-of-block step's events");
            }

            Write(endOfBlock, payload, events[next]);
        }

        leaves.Add(Leaf(EndOfBlock, endOfBlock.WrittenSpan));
        return MerkleRoot.ComputeInPlace(CollectionsMarshal.AsSpan(leaves));
    }

    private static Hash32 Leaf(uint index, ReadOnlySpan<byte> events)
    {
        var length = ResultDomain.Length + 4 + events.Length;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            ResultDomain.CopyTo(buffer);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[ResultDomain.Length..], index);
            events.CopyTo(buffer[(ResultDomain.Length + 4)..]);
            return Hash32.Sha256(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <param name="payload">a scratch writer for the event's own bytes, reused across a block's events.</param>
    private static void Write(CanonicalWriter writer, CanonicalWriter payload, EmittedEvent emitted)
    {
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(index, emitted.TransactionIndex is { } i ? checked((uint)i) : EndOfBlock);
        payload.Clear();
        emitted.Event.Write(payload);
        writer.Fixed(index).Utf8(emitted.Event.Name).Variable(payload.WrittenSpan);
    }
}
