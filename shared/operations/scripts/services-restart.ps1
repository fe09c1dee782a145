param($p)
# Restart (or start, if stopped) one service and wait for it to report Running.
$name = [string]$p.name
$service = Get-Service -Name $name -ErrorAction SilentlyContinue
if ($null -eq $service) {
    throw ('There is no service named {0} on this machine.' -f $name)
}
if ($service.Status -eq 'Running') {
    Restart-Service -Name $service.Name -Force
} else {
    Start-Service -Name $service.Name
}
$service.WaitForStatus('Running', [TimeSpan]::FromSeconds([int]$p.waitSeconds))
$service.Refresh()
[ordered]@{ name = $service.Name; status = $service.Status.ToString() }
