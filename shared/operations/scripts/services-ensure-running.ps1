param($p)
# Starts each named service (restarts it when asked), makes it start automatically when asked, and waits until it
# reports Running: the wiki's `Set-Service OpenVPNService -StartupType Automatic -Status Running`, and
# its remedy for HLK in a strange state, restarting hlksvc.
$wait = [TimeSpan]::FromSeconds([int]$p.waitSeconds)
$out = [System.Collections.Generic.List[object]]::new()
foreach ($name in @($p.names)) {
    $service = Get-Service -Name ([string]$name) -ErrorAction SilentlyContinue
    if ($null -eq $service) {
        throw ('There is no service named {0} on this machine.' -f $name)
    }
    if ($p.automaticStart) {
        Set-Service -Name $service.Name -StartupType Automatic
    }
    if ($service.Status -eq 'Running') {
        if ($p.restart) { Restart-Service -Name $service.Name -Force }
    } else {
        Start-Service -Name $service.Name
    }
    $service.WaitForStatus('Running', $wait)
    $service.Refresh()
    $out.Add([ordered]@{ name = $service.Name; status = $service.Status.ToString(); startType = $service.StartType.ToString() })
}
[ordered]@{ services = @($out) }
