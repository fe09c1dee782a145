# --- tapdiag: functions shared by the tapdiag.* operations (tapdiag-functions.ps1) ---
# tapdiag.exe (tap-windows6's HLK test helper, tapdiag.cpp) does one thing per run and answers with its
# exit code (0 done, 1 failed) and a line saying what happened:
#   /enable        sets HKLM\SYSTEM\CurrentControlSet\Services\tap0901 TapDiag = 1 (REG_DWORD); the driver
#                  reads it when it loads, so the TAP adapter must restart before the endpoint exists
#   /link:on|off   TAP_WIN_IOCTL_SET_MEDIA_STATUS on the first TAP adapter's \\.\Global\{guid}.tapdiag
#   /setq:on|off|always   TAP_WIN_IOCTL_PRIORITY_BEHAVIOR (802.1Q priority/VLAN headers) on the same endpoint
#   (no switch)    only opens the endpoint: "TAP Device opened." when the driver has one, else
#                  "Failed to open TAP device." ("No TAP devices found." without a TAP adapter)
# Its /disable sets the value to 1 as well (a bug in tapdiag.cpp), so nothing here uses it.

$TapdiagDriverKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\tap0901'

# Elevated when the token carries the High (or System) mandatory label, whose SID whoami prints in any
# display language; a UAC-filtered administrator's token has the Medium one (as system-facts.ps1 reads it).
function Assert-Elevated {
    if (-not (@(& whoami.exe /groups /fo csv /nh) -match '"S-1-16-(12288|16384)"')) {
        throw ('This needs an elevated session: ' + $env:USERNAME + ' is not running as an administrator here (UAC filters its token), so tapdiag cannot write the driver''s registry key or open its endpoint.')
    }
}

function Get-TapdiagTool([string]$Path) {
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        throw ('tapdiag.exe is not at ' + $Path + ' on this machine: copy it there, or set readiness.tapdiagPath in the lab file to where it is.')
    }
    return $Path
}

# Runs tapdiag with at most one switch and keeps its exit code and every line it printed.
function Invoke-Tapdiag([string]$Tool, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    $lines = @(& $Tool @Arguments 2>&1 | ForEach-Object { [string]$_ })
    $exitCode = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    return @{ exitCode = $exitCode; output = ((@($lines | Where-Object { $_.Trim() -ne '' }) -join ' ').Trim()) }
}

# What tapdiag's answer says about the driver's tapdiag endpoint.
function Get-EndpointState($Answer) {
    if ($Answer.output -match 'No TAP devices found') { return 'no-adapter' }
    if ($Answer.output -match 'Failed to open TAP device') { return 'closed' }
    if ($Answer.exitCode -eq 0 -and $Answer.output -match 'TAP Device opened') { return 'open' }
    return 'unknown'
}

# Turns a failed /link or /setq answer into the reason an operator can act on.
function Assert-TapdiagDone($Answer, [string]$What) {
    if ($Answer.exitCode -eq 0) { return }
    switch (Get-EndpointState $Answer) {
        'no-adapter' { throw ('tapdiag ' + $What + ' failed: there is no TAP adapter (hardware id tap0901) on this machine.') }
        'closed' { throw ('tapdiag ' + $What + ' failed: the TAP driver has no tapdiag endpoint open. Enable it (tapdiag /enable, then restart the TAP adapter); if it stays closed, this driver was built without tapdiag. tapdiag said: ' + $Answer.output) }
        default { throw ('tapdiag ' + $What + ' failed (exit code ' + $Answer.exitCode + '): ' + $Answer.output) }
    }
}

function Get-TapAdapters([string]$HardwareId) {
    return @(Get-NetAdapter | Where-Object { [string]$_.ComponentID -eq $HardwareId })
}

function ConvertTo-AdapterState($Adapter) {
    return [ordered]@{
        name                 = [string]$Adapter.Name
        status               = $Adapter.Status.ToString()
        mediaConnectionState = $Adapter.MediaConnectionState.ToString()
    }
}
