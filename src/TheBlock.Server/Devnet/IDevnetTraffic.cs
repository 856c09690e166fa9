namespace TheBlock.Server.Devnet;

/// <summary>One module's simulated users, ticked once per block interval on the traffic simulator's thread.</summary>
public interface IDevnetTraffic
{
    void Tick(Random random);
}
