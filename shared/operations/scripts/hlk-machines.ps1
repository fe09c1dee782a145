param($p)
# Every machine HLK knows on this controller, with its pool, status (Ready, NotReady, Initializing, Running)
# and last heartbeat: the pools walked from GetRootMachinePool() with GetMachines() and GetChildPools().
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $machines = [System.Collections.Generic.List[object]]::new()
    foreach ($pool in (Get-HlkPools $manager)) {
        foreach ($machine in @($pool.GetMachines())) {
            $machines.Add([ordered]@{
                name          = [string]$machine.Name
                pool          = [string]$pool.Path
                status        = [string]$machine.Status
                lastHeartbeat = (Format-HlkTime $machine.LastHeartBeat)
            })
        }
    }
    [ordered]@{ controller = $server; database = $database; machines = @($machines) }
}
