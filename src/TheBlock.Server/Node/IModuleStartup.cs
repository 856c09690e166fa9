namespace TheBlock.Server.Node;

/// <summary>
/// A module's step once the node's services are built and its chain is open: check its configuration against the
/// genesis (throwing <see cref="StartupException"/>) and initialise its metrics from the stored state.
/// </summary>
public interface IModuleStartup
{
    void Start(ChainService chain);
}
