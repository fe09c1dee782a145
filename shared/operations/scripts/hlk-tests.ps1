param($p)
# The project's tests as HLK Studio's Results tab shows them: status (TestResultStatus: Passed, Failed,
# NotRun, InQueue, Running, Canceled), execution state (InQueue, Running, NotRunning), the machines in each
# role of a multi-machine test (Test.GetMachineRole: "Client" runs the driver under test, "Support" answers
# it), the machines holding its targets, the time HLK estimates it takes (Test.EstimatedRuntime, a TimeSpan,
# as TestDefinition.EstimatedRuntime documents it), and its last results in InstanceId order (as toolsHCK.ps1
# reads the latest); with the controller's clock, so the time a test has been running is measured on the
# same clock as its start.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $multi = [Microsoft.Windows.Kits.Hardware.ObjectModel.DistributionOption]::RequiresMultipleMachines
    $tests = [System.Collections.Generic.List[object]]::new()
    foreach ($test in @($project.GetTests())) {
        $roles = [System.Collections.Generic.List[object]]::new()
        $set = $test.GetMachineRole()
        if ($null -ne $set) {
            foreach ($role in @($set.Roles)) {
                $roles.Add([ordered]@{ role = [string]$role.Name; machines = @($role.GetMachines() | ForEach-Object { [string]$_.Name }) })
            }
        }
        $latest = $null
        # The latest result is the one with the highest InstanceId: GetTestResults() promises no order.
        $results = @($test.GetTestResults())
        $ordered = @($results | Sort-Object { [int64]$_.InstanceId })
        $recent = [System.Collections.Generic.List[object]]::new()
        foreach ($result in @($ordered | Select-Object -Last 10)) {
            $recent.Add([ordered]@{ status = [string]$result.Status; startedAt = (Format-HlkTime $result.StartTime); completedAt = (Format-HlkTime $result.CompletionTime) })
        }
        $estimate = $null
        if ($null -ne $test.EstimatedRuntime) { $estimate = [double]([TimeSpan]$test.EstimatedRuntime).TotalSeconds }
        if ($ordered.Count -gt 0) {
            $last = $ordered[$ordered.Count - 1]
            $machine = $null
            if ($null -ne $last.Machine) { $machine = [string]$last.Machine.Name }
            $latest = [ordered]@{
                status      = [string]$last.Status
                machine     = $machine
                scheduledAt = (Format-HlkTime $last.ScheduleTime)
                startedAt   = (Format-HlkTime $last.StartTime)
                completedAt = (Format-HlkTime $last.CompletionTime)
            }
        }
        $tests.Add([ordered]@{
            id             = [string]$test.Id
            name           = [string]$test.Name
            type           = [string]$test.TestType
            status         = [string]$test.Status
            executionState = [string]$test.ExecutionState
            multiMachine   = (($test.ScheduleOptions -band $multi) -eq $multi)
            roles          = @($roles)
            targetMachines = @($test.GetTestTargets() | ForEach-Object { [string]$_.Machine.Name } | Select-Object -Unique)
            estimatedSeconds = $estimate
            runs           = $results.Count
            results        = @($recent)
            latest         = $latest
        })
    }
    [ordered]@{ project = [string]$project.Name; now = [DateTime]::UtcNow.ToString('o'); tests = @($tests) }
}
