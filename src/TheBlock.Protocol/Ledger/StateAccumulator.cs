using System.Buffers.Binary;
using System.Security.Cryptography;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// An order-independent, incrementally updatable commitment to a set of state entries: the sum, modulo 2^256,
/// of SHA-256 of each entry's canonical bytes. A block changes it in time proportional to what the block touched,
/// and a node can recompute it from its stored state alone to prove the stored state is what the chain says.
/// It detects corruption and divergence between replicas; it is not a proof structure for light clients.
/// </summary>
public struct StateAccumulator : IEquatable<StateAccumulator>
{
    // Limbs little-endian: _l0 is the least significant 64 bits.
    private ulong _l0;
    private ulong _l1;
    private ulong _l2;
    private ulong _l3;

    private static ReadOnlySpan<byte> RootDomain => "TheBlock/state/v1"u8;

    public static StateAccumulator FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("a state accumulator is 32 bytes", nameof(bytes));
        }

        return new StateAccumulator
        {
            _l0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            _l1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            _l2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            _l3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]),
        };
    }

    public readonly byte[] ToBytes()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, _l0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), _l1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), _l2);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), _l3);
        return bytes;
    }

    /// <summary>The state root a block header carries.</summary>
    public readonly Hash32 Root()
    {
        Span<byte> buffer = stackalloc byte[RootDomain.Length + 32];
        RootDomain.CopyTo(buffer);
        ToBytes().CopyTo(buffer[RootDomain.Length..]);
        return Hash32.Sha256(buffer);
    }

    public void Add(ReadOnlySpan<byte> entry) => Combine(entry, subtract: false);

    public void Remove(ReadOnlySpan<byte> entry) => Combine(entry, subtract: true);

    /// <summary>Adds (or removes) a module's state entry, built in a reused buffer rather than allocated.</summary>
    public void CombineModuleEntry(StateKey key, StateValue value, bool remove)
    {
        var length = StateEntries.ModuleEntryLength(key, value);
        var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            StateEntries.WriteModuleEntry(buffer, key, value);
            Combine(buffer, remove);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void Combine(ReadOnlySpan<byte> entry, bool subtract)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(entry, digest);
        var d0 = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        var d1 = BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]);
        var d2 = BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]);
        var d3 = BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]);
        unchecked
        {
            if (subtract)
            {
                // Two's complement: a - d = a + ~d + 1 (mod 2^256).
                d0 = ~d0;
                d1 = ~d1;
                d2 = ~d2;
                d3 = ~d3;
                AddLimbs(d0, d1, d2, d3, carryIn: 1);
            }
            else
            {
                AddLimbs(d0, d1, d2, d3, carryIn: 0);
            }
        }
    }

    private void AddLimbs(ulong d0, ulong d1, ulong d2, ulong d3, ulong carryIn)
    {
        unchecked
        {
            var r0 = _l0 + d0;
            var c = r0 < _l0 ? 1UL : 0UL;
            var t = r0 + carryIn;
            c += t < r0 ? 1UL : 0UL;
            r0 = t;

            var r1 = _l1 + d1;
            var c1 = r1 < _l1 ? 1UL : 0UL;
            t = r1 + c;
            c1 += t < r1 ? 1UL : 0UL;
            r1 = t;

            var r2 = _l2 + d2;
            var c2 = r2 < _l2 ? 1UL : 0UL;
            t = r2 + c1;
            c2 += t < r2 ? 1UL : 0UL;
            r2 = t;

            var r3 = _l3 + d3 + c2;

            _l0 = r0;
            _l1 = r1;
            _l2 = r2;
            _l3 = r3;
        }
    }

    public readonly bool Equals(StateAccumulator other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    public override readonly bool Equals(object? obj) => obj is StateAccumulator other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public static bool operator ==(StateAccumulator left, StateAccumulator right) => left.Equals(right);

    public static bool operator !=(StateAccumulator left, StateAccumulator right) => !left.Equals(right);
}
