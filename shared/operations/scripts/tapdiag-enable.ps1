param($p)
# The wiki's tapdiag recipe, steps 1 and 2: `tapdiag /enable`, then restart the TAP driver so it reads the
# setting. OpenVPN holds the TAP adapter open, so its running services are stopped first (no reboot needed)
# and started again afterwards, whatever happened in between. Ends by opening the endpoint: a driver built
# without tapdiag never has one, and that is said plainly.
Assert-Elevated
$tool = Get-TapdiagTool ([string]$p.toolPath)
$adapters = Get-TapAdapters ([string]$p.hardwareId)
if ($adapters.Count -eq 0) {
    throw ('There is no TAP adapter (hardware id ' + [string]$p.hardwareId + ') on this machine to enable tapdiag on.')
}
$enable = Invoke-Tapdiag $tool @('/enable')
if ($enable.exitCode -ne 0) {
    throw ('tapdiag /enable failed (exit code ' + $enable.exitCode + '): ' + $enable.output)
}

$wait = [TimeSpan]::FromSeconds([int]$p.waitSeconds)
$stopped = [System.Collections.Generic.List[string]]::new()
$started = [System.Collections.Generic.List[string]]::new()
$restarted = [System.Collections.Generic.List[string]]::new()
try {
    foreach ($name in @($p.openvpnServices)) {
        $service = Get-Service -Name ([string]$name) -ErrorAction SilentlyContinue
        if ($null -ne $service -and $service.Status -eq 'Running') {
            Stop-Service -Name $service.Name -Force
            $service.WaitForStatus('Stopped', $wait)
            $stopped.Add($service.Name)
        }
    }
    foreach ($adapter in $adapters) {
        Disable-NetAdapter -InputObject $adapter -Confirm:$false
        Enable-NetAdapter -InputObject $adapter -Confirm:$false
        $restarted.Add([string]$adapter.Name)
    }
} finally {
    foreach ($name in $stopped) {
        Start-Service -Name $name
        (Get-Service -Name $name).WaitForStatus('Running', $wait)
        $started.Add($name)
    }
}

$probe = Invoke-Tapdiag $tool @()
$endpoint = Get-EndpointState $probe
if ($endpoint -ne 'open') {
    throw ('tapdiag is enabled in the registry and the TAP adapter was restarted, but the driver still has no tapdiag endpoint: this tap-windows6 build has no tapdiag support (install the HLK build on this machine). tapdiag said: ' + $probe.output)
}
[ordered]@{
    registryEnabled   = $true
    endpoint          = $endpoint
    restartedAdapters = @($restarted)
    stoppedServices   = @($stopped)
    startedServices   = @($started)
}
