namespace TheBlock.Client.Treasury;

/// <summary>
/// What <c>contract-cli gov vote</c> prints once its vote is committed: the vote, where it landed, and the
/// disbursement's tally and state right after it.
/// </summary>
public sealed record VoteCast(
    ulong Id,
    string Voter,
    string Choice,
    string TxHash,
    ulong BlockHeight,
    VoteTallyView Tally,
    string State);

/// <summary>The voting power cast each way.</summary>
public sealed record VoteTallyView(ulong Yes, ulong No, ulong Abstain);
