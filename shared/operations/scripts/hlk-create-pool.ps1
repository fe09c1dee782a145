param($p)
# Creates a machine pool under the root pool (MachinePool.CreateChildPool), unless a pool of that name is
# there already; either way answers with the pool.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $name = [string]$p.name
    $pool = Find-HlkPool $manager $name
    $created = $false
    if ($null -eq $pool) {
        $pool = $manager.GetRootMachinePool().CreateChildPool($name)
        $created = $true
    }
    [ordered]@{ name = [string]$pool.Name; path = [string]$pool.Path; created = $created }
}
