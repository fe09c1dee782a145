param($p)
# Installs the driver under test from a folder on this machine (or a share it reaches), as the tap-windows6
# README describes: older packages of the same INF leave the driver store, then tapinstall (or devcon) from
# the folder creates or updates the adapter; without it, pnputil /add-driver /install updates the devices
# that match. The version the adapter reports afterwards must be the INF's DriverVer.
$folder = ([string]$p.folder).TrimEnd('\')
$inf = Join-Path $folder ([string]$p.infName)
if (-not (Test-Path -LiteralPath $inf)) { throw ('The driver folder ' + $folder + ' has no ' + [string]$p.infName + '.') }
$version = $null
foreach ($line in @(Get-Content -LiteralPath $inf)) {
    if ($line -match '^\s*DriverVer\s*=\s*[0-9/]+\s*,\s*([0-9.]+)') { $version = $Matches[1] }
}
if ($null -eq $version) { throw ([string]$p.infName + ' in ' + $folder + ' has no DriverVer line, so the installed version cannot be confirmed.') }
$pnputil = Get-Command -Name 'pnputil.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1
$hardwareId = [string]$p.hardwareId

function Invoke-Tool($Command, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    $lines = @(& $Command @Arguments 2>&1 | ForEach-Object { [string]$_ })
    return @{ exitCode = $LASTEXITCODE; lines = $lines; text = (@($lines | Where-Object { $_.Trim() -ne '' -and $_ -ne 'Microsoft PnP Utility' }) -join ' ').Trim() }
}

# The packages of this INF in the driver store (pnputil /enum-drivers, English field names).
function Get-SamePackages {
    $enum = Invoke-Tool $pnputil @('/enum-drivers')
    if ($enum.exitCode -ne 0) { throw ('pnputil /enum-drivers failed (exit code ' + $enum.exitCode + '): ' + $enum.text) }
    $found = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $enum.lines) {
        if ($line -notmatch '^\s*([A-Za-z][A-Za-z ]*?)\s*:\s+(.*?)\s*$') { continue }
        if ($Matches[1] -eq 'Published Name') { $current = [ordered]@{ publishedName = $Matches[2]; originalName = ''; version = '' }; $found.Add($current) }
        elseif ($null -ne $current -and $Matches[1] -eq 'Original Name') { $current.originalName = $Matches[2] }
        elseif ($null -ne $current -and $Matches[1] -eq 'Driver Version') { $current.version = @($Matches[2] -split '\s+')[-1] }
    }
    return @($found | Where-Object { $_.originalName -eq [string]$p.infName })
}

# Deletes each given package without /force (Windows keeps one a device still uses); notes what went.
$removed = [System.Collections.Generic.List[object]]::new()
function Remove-Packages($Packages) {
    foreach ($package in @($Packages)) {
        $answer = Invoke-Tool $pnputil @('/delete-driver', [string]$package.publishedName)
        if ($answer.exitCode -eq 0) { $removed.Add([string]$package.publishedName) }
    }
}

function Get-DriverAdapter {
    return @(Get-NetAdapter | Where-Object { ([string]$_.ComponentID) -eq $hardwareId }) | Select-Object -First 1
}

Remove-Packages @(Get-SamePackages)
$tool = $null
foreach ($name in @('tapinstall.exe', 'devcon.exe')) {
    $candidate = Join-Path $folder $name
    if ($null -eq $tool -and (Test-Path -LiteralPath $candidate)) { $tool = Get-Command -Name $candidate -CommandType Application -ErrorAction Stop }
}
$before = Get-DriverAdapter
if ($null -ne $tool) {
    $verb = 'install'
    if ($null -ne $before) { $verb = 'update' }
    $installer = 'tapinstall ' + $verb
    $answer = Invoke-Tool $tool @($verb, $inf, $hardwareId)
    # devcon's exit codes: 0 done, 1 done once the machine restarts, 2 failed, 3 bad usage.
    $rebootNeeded = ($answer.exitCode -eq 1)
    $failed = ($answer.exitCode -ge 2)
} else {
    $installer = 'pnputil /add-driver /install'
    $answer = Invoke-Tool $pnputil @('/add-driver', $inf, '/install')
    # 3010: ERROR_SUCCESS_REBOOT_REQUIRED.
    $rebootNeeded = ($answer.exitCode -eq 3010)
    $failed = ($answer.exitCode -ne 0 -and -not $rebootNeeded)
}
if ($failed) { throw ($installer + ' failed (exit code ' + $answer.exitCode + '): ' + $answer.text) }
Remove-Packages @(Get-SamePackages | Where-Object { $_.version -ne $version })
$after = Get-DriverAdapter
$adapter = $null
if ($null -ne $after) { $adapter = [ordered]@{ name = [string]$after.Name; driverVersion = [string]$after.DriverVersion } }
[ordered]@{
    version      = $version
    installer    = $installer
    output       = $answer.text
    removed      = @($removed)
    packages     = @(Get-SamePackages | ForEach-Object { [ordered]@{ publishedName = [string]$_.publishedName; version = [string]$_.version } })
    adapter      = $adapter
    confirmed    = ($null -ne $adapter -and $adapter.driverVersion -eq $version)
    rebootNeeded = $rebootNeeded
}
