param($p)
# Sets one machine Ready in HLK, as HLK Studio's "Change Machine Status" does, with
# Machine.SetMachineStatus(MachineStatus.Ready, timeout) as in Microsoft's HLK API "HelloWorld" sample. HLK
# does not let a machine in the Default Pool be Ready (HLK Studio's Configuration page documentation), so
# that is said first. The call blocks until HLK has set the status or the time is up, and says which.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $found = Find-HlkMachine $manager ([string]$p.machine) $server
    if ($found.pool.Equals($manager.GetRootMachinePool().DefaultPool)) {
        throw ([string]$found.machine.Name + ' is in the Default Pool, where HLK does not let a machine be Ready: move it into the project''s pool first.')
    }
    $set = $found.machine.SetMachineStatus([Microsoft.Windows.Kits.Hardware.ObjectModel.MachineStatus]::Ready, 90000)
    if (-not $set) {
        throw ('HLK did not set ' + [string]$found.machine.Name + ' Ready within 90 s: is its HLK client service running, and does its heartbeat reach the controller?')
    }
    [ordered]@{ machine = [string]$found.machine.Name; pool = [string]$found.pool.Path; status = [string]$found.machine.Status }
}
