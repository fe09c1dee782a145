param($p)
# Every machine pool with its machines, in the order GetMachines() returns them (the order HLK Studio lists
# them in), each with its status, last heartbeat and platform (the Windows HLK saw, and its architecture).
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $root = $manager.GetRootMachinePool()
    $default = $root.DefaultPool
    $pools = [System.Collections.Generic.List[object]]::new()
    foreach ($pool in (Get-HlkPools $manager)) {
        $machines = [System.Collections.Generic.List[object]]::new()
        foreach ($machine in @($pool.GetMachines())) { $machines.Add((ConvertTo-HlkMachine $machine)) }
        $pools.Add([ordered]@{
            name      = [string]$pool.Name
            path      = [string]$pool.Path
            isRoot    = $pool.Equals($root)
            isDefault = ($null -ne $default -and $pool.Equals($default))
            machines  = @($machines)
        })
    }
    [ordered]@{ controller = $server; database = $database; pools = @($pools) }
}
