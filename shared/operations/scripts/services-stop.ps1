param($p)
# Stops each named service and waits until it reports Stopped: OpenVPN before the TAP driver restarts, or
# for LinkCheck's "unplug" when the operator takes the link down by stopping the service.
# An elevated token carries the High (or System) mandatory label, whatever the display language.
if (-not (@(& whoami.exe /groups /fo csv /nh) -match '"S-1-16-(12288|16384)"')) {
    throw ('This needs an elevated session: ' + $env:USERNAME + ' is not running as an administrator here (UAC filters its token), so services cannot be stopped.')
}
$wait = [TimeSpan]::FromSeconds([int]$p.waitSeconds)
$out = [System.Collections.Generic.List[object]]::new()
foreach ($name in @($p.names)) {
    $service = Get-Service -Name ([string]$name) -ErrorAction SilentlyContinue
    if ($null -eq $service) {
        throw ('There is no service named {0} on this machine.' -f $name)
    }
    if ($service.Status -ne 'Stopped') {
        Stop-Service -Name $service.Name -Force
        $service.WaitForStatus('Stopped', $wait)
    }
    $service.Refresh()
    $out.Add([ordered]@{ name = $service.Name; status = $service.Status.ToString(); startType = $service.StartType.ToString() })
}
[ordered]@{ services = @($out) }
