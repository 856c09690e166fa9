using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Receipts;

/// <summary>
/// Indexes a block's receipts (every <see cref="Protocol.Modules.IReceiptEvent"/>, through <see cref="BlockReceipts"/>)
/// inside the block's commit: a row per receipt with statements compiled once, then per market the totals and one
/// <c>receipt_blocks</c> row, and each provider's last height. Market and provider codes are looked up per block, not
/// cached across blocks, so a rolled-back commit leaves no code the database does not hold.
/// </summary>
internal sealed class ReceiptsTableWriter : IModuleTableWriter
{
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertReceipt;
    private readonly PreparedStatement _addToMarket;
    private readonly PreparedStatement _insertBlock;
    private readonly PreparedStatement _touchProvider;

    public ReceiptsTableWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertReceipt = new(connection, """
            INSERT OR IGNORE INTO receipts (seq, id_key, market, provider, height, ordinal, reference, units, amount, fee, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
        _addToMarket = new(connection, "UPDATE receipt_markets SET emitted_total = emitted_total + ?2, last_height = ?3, last_at = ?4 WHERE code = ?1");
        _insertBlock = new(connection, "INSERT INTO receipt_blocks (height, market, first_seq, count) VALUES (?1, ?2, ?3, ?4)");
        _touchProvider = new(connection, "UPDATE receipt_providers SET last_height = ?2 WHERE code = ?1");
    }

    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var receipts = BlockReceipts.Of(effects.Block, effects.Events).ToList();
        if (receipts.Count == 0)
        {
            return;
        }

        var height = unchecked((long)effects.Block.Height);
        var blockAt = unchecked((long)(effects.Block.Header.TimeMs / 1000));
        var firstSeq = NextSequence(transaction);
        var markets = new Dictionary<string, long>(StringComparer.Ordinal);
        var providers = new Dictionary<(long, string), long>();
        var counts = new Dictionary<long, long>();
        for (var ordinal = 0; ordinal < receipts.Count; ordinal++)
        {
            var receipt = receipts[ordinal].Receipt;
            if (!markets.TryGetValue(receipt.Market, out var market))
            {
                market = markets[receipt.Market] = MarketCode(transaction, receipt.Market);
            }

            if (!providers.TryGetValue((market, receipt.ProviderId), out var provider))
            {
                provider = providers[(market, receipt.ProviderId)] = ProviderCode(transaction, market, receipt.ProviderId, height);
            }

            counts[market] = counts.GetValueOrDefault(market) + 1;
            _insertReceipt.Bind(1, firstSeq + ordinal);
            _insertReceipt.Bind(3, market);
            _insertReceipt.Bind(4, provider);
            _insertReceipt.Bind(5, height);
            _insertReceipt.Bind(6, ordinal);
            _insertReceipt.Bind(7, unchecked((long)receipt.AgreementId));
            _insertReceipt.Bind(8, unchecked((long)receipt.Units));
            _insertReceipt.Bind(9, unchecked((long)receipt.Amount));
            _insertReceipt.Bind(10, unchecked((long)receipt.Fee));
            _insertReceipt.Bind(11, unchecked((long)receipt.CreatedAt));
            InsertProbing(ReceiptKey.Of(receipt.ReceiptId), effects.Block.Height);
        }

        foreach (var (market, count) in counts)
        {
            _addToMarket.Bind(1, market);
            _addToMarket.Bind(2, count);
            _addToMarket.Bind(3, height);
            _addToMarket.Bind(4, blockAt);
            _addToMarket.Execute();
            _insertBlock.Bind(1, height);
            _insertBlock.Bind(2, market);
            _insertBlock.Bind(3, firstSeq);
            _insertBlock.Bind(4, count);
            _insertBlock.Execute();
        }

        foreach (var provider in providers.Values)
        {
            _touchProvider.Bind(1, provider);
            _touchProvider.Bind(2, height);
            _touchProvider.Execute();
        }
    }

    public void Dispose()
    {
        _insertReceipt.Dispose();
        _addToMarket.Dispose();
        _insertBlock.Dispose();
        _touchProvider.Dispose();
    }

    /// <summary>Inserts the bound row under the id's key, or the next free one when another receipt's id shares its first 8 bytes.</summary>
    private void InsertProbing(long key, ulong height)
    {
        for (var probe = 0; probe < ReceiptKey.MaxProbes; probe++)
        {
            _insertReceipt.Bind(2, key);
            if (_insertReceipt.ExecuteCountingChanges() == 1)
            {
                return;
            }

            key = ReceiptKey.Next(key);
        }

        throw new StateCorruptedException($"a receipt of block {height} finds {ReceiptKey.MaxProbes} receipts whose ids share its first 8 bytes; the receipts index cannot hold it");
    }

    private long NextSequence(SqliteTransaction transaction) => Scalar(transaction, "SELECT COALESCE(MAX(seq), 0) + 1 FROM receipts") ?? 1;

    private long MarketCode(SqliteTransaction transaction, string name)
    {
        Execute(transaction, "INSERT OR IGNORE INTO receipt_markets (name, emitted_total) VALUES ($name, 0)", ("$name", name));
        return Scalar(transaction, "SELECT code FROM receipt_markets WHERE name = $name", ("$name", name))!.Value;
    }

    private long ProviderCode(SqliteTransaction transaction, long market, string providerId, long height)
    {
        Execute(
            transaction,
            "INSERT OR IGNORE INTO receipt_providers (market, provider_id, last_height) VALUES ($market, $provider, $height)",
            ("$market", market), ("$provider", providerId), ("$height", height));
        return Scalar(transaction, "SELECT code FROM receipt_providers WHERE market = $market AND provider_id = $provider", ("$market", market), ("$provider", providerId))!.Value;
    }

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private long? Scalar(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
