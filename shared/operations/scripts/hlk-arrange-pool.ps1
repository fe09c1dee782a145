param($p)
# Moves the lab's machines into the pool in the order the OpenVPN wiki asks for: the clients first, then the
# support machine; otherwise HLK may take the support machine for the one with the driver under test. A
# support machine already in the pool ahead of a client goes back to the default pool first and joins again
# after the clients. MachinePool.MoveMachineTo moves a machine from the pool it is in.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $target = Find-HlkPool $manager ([string]$p.pool)
    if ($null -eq $target) {
        throw ('HLK on ' + $server + ' has no pool named ' + [string]$p.pool + ': create it first.')
    }
    $default = $manager.GetRootMachinePool().DefaultPool
    $clients = @($p.clients | ForEach-Object { Find-HlkMachine $manager ([string]$_) $server })
    $supports = @($p.supports | ForEach-Object { Find-HlkMachine $manager ([string]$_) $server })
    $moves = [System.Collections.Generic.List[object]]::new()

    # Where each machine sits in the pool now; -1 when it is elsewhere.
    $inPool = @($target.GetMachines() | ForEach-Object { [string]$_.Name })
    function Get-Position([string]$Name) {
        for ($i = 0; $i -lt $inPool.Count; $i++) {
            if (Test-SameName $inPool[$i] $Name) { return $i }
        }
        return -1
    }
    $lastClient = -1
    $clientsMissing = $false
    foreach ($c in $clients) {
        $at = Get-Position ([string]$c.machine.Name)
        if ($at -lt 0) { $clientsMissing = $true }
        $lastClient = [Math]::Max($lastClient, $at)
    }

    foreach ($s in $supports) {
        $at = Get-Position ([string]$s.machine.Name)
        if ($at -ge 0 -and ($clientsMissing -or $at -lt $lastClient)) {
            [void]$target.MoveMachineTo($s.machine, $default)
            $moves.Add([ordered]@{ machine = [string]$s.machine.Name; from = [string]$target.Path; to = [string]$default.Path })
            $s.pool = $default
        }
    }
    foreach ($m in @($clients) + @($supports)) {
        if (-not $m.pool.Equals($target)) {
            [void]$m.pool.MoveMachineTo($m.machine, $target)
            $moves.Add([ordered]@{ machine = [string]$m.machine.Name; from = [string]$m.pool.Path; to = [string]$target.Path })
        }
    }
    $machines = [System.Collections.Generic.List[object]]::new()
    foreach ($machine in @($target.GetMachines())) { $machines.Add((ConvertTo-HlkMachine $machine)) }
    [ordered]@{ pool = [string]$target.Path; moves = @($moves); machines = @($machines) }
}
