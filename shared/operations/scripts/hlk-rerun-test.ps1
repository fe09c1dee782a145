param($p)
# Queues a test again (Test.QueueTest). A multi-machine test gets its roles first, as the HLK-CI project's
# toolsHLK.ps1 does: every role emptied, "Client" given the machine that holds the test's target, "Support"
# given the support machine, then MachineSet.ApplyMachineDimensions and QueueTest(machineSet). Naming the
# support machine here keeps HLK from picking one by itself (the wiki's "controller misuses support machine").
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $wanted = [string]$p.test
    $test = @($project.GetTests() | Where-Object { Test-SameName ([string]$_.Id) $wanted }) | Select-Object -First 1
    if ($null -eq $test) {
        throw ('Project ' + [string]$project.Name + ' has no test with id ' + $wanted + '.')
    }
    $state = [string]$test.ExecutionState
    if ($state -eq 'InQueue' -or $state -eq 'Running') {
        throw ([string]$test.Name + ' is ' + $state + ' already; wait for it to finish before running it again.')
    }
    $roles = [System.Collections.Generic.List[object]]::new()
    $set = $test.GetMachineRole()
    if ($null -eq $set) {
        [void]$test.QueueTest()
    } else {
        if ($null -eq $p.support) {
            throw ([string]$test.Name + ' needs a support machine: name the one to use.')
        }
        $client = @($test.GetTestTargets())[0].Machine
        $support = (Find-HlkMachine $manager ([string]$p.support) $server).machine
        foreach ($role in @($set.Roles)) {
            foreach ($machine in @($role.GetMachines())) { [void]$role.RemoveMachine($machine) }
            if (Test-SameName ([string]$role.Name) 'Client') { [void]$role.AddMachine($client) }
            if (Test-SameName ([string]$role.Name) 'Support') { [void]$role.AddMachine($support) }
            $roles.Add([ordered]@{ role = [string]$role.Name; machines = @($role.GetMachines() | ForEach-Object { [string]$_.Name }) })
        }
        [void]$set.ApplyMachineDimensions()
        [void]$test.QueueTest($set)
    }
    [ordered]@{ id = [string]$test.Id; name = [string]$test.Name; queued = $true; roles = @($roles) }
}
