# hlk-assist practice lab: the part of the Windows stand-in that provisioning scripts talk to, loaded right
# before windows.ps1, whose warm-up at its end already reads the registry this file adds to; it calls
# windows.ps1's helpers (Read-StandInState, Save-StandInState, Get-StandInFiles, New-StandInError) only
# when its functions run.
# Written for Windows PowerShell 5.1 as well as PowerShell 7.

# ---------------------------------------------------------------------------------------------------
# Driver installation: pnputil /add-driver and tapinstall (devcon) from a driver folder.
# https://learn.microsoft.com/windows-hardware/drivers/devtest/pnputil-command-syntax (/add-driver
# <inf> /install; exit code 3010 when a restart is needed)
# https://learn.microsoft.com/windows-hardware/drivers/devtest/devcon-install and devcon-update (devcon
# install <inf> <hwid> creates a root-enumerated device; update <inf> <hwid> updates the matching ones;
# exit codes 0 done, 1 restart needed, 2 failed)
# ---------------------------------------------------------------------------------------------------

# What an INF says of its package: the last value of each key wins, so [Strings] gives Provider's text.
# https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section (DriverVer = date,version)
function Read-StandInInf($State, [string]$Path) {
    $entry = (Get-StandInFiles $State)[(ConvertTo-StandInKey $Path)]
    if ($null -eq $entry -or $entry.kind -ne 'file') { return $null }
    $values = @{}
    $hardwareIds = @()
    foreach ($line in @($entry.text -split "`r?`n")) {
        if ($line -match '^\s*%DeviceDescription%\s*=\s*[^,]+,(.*)$') { $hardwareIds = @($Matches[1] -split ',' | ForEach-Object { $_.Trim() }) }
        elseif ($line -match '^\s*(\w+)\s*=\s*"?([^"]*?)"?\s*$') { $values[$Matches[1]] = $Matches[2] }
    }
    $driverVer = @(([string]$values['DriverVer']) -split ',')
    $className = [string]$values['Class']
    if ($className -eq 'Net') { $className = 'Network adapters' }
    return @{
        originalName = ($Path -replace '^.*\\', '').ToLowerInvariant()
        date         = $driverVer[0].Trim()
        version      = $driverVer[-1].Trim()
        provider     = [string]$values['Provider']
        className    = $className
        description  = [string]$values['DeviceDescription']
        hardwareIds  = $hardwareIds
    }
}

# Adds the package to the driver store (an identical one is kept as it is) and returns its published name.
function Add-StandInPackage($State, $Inf) {
    $same = @($State.driverStore | Where-Object { $_.originalName -eq $Inf.originalName -and $_.version -eq $Inf.version }) | Select-Object -First 1
    if ($null -ne $same) { return [string]$same.publishedName }
    $highest = 0
    foreach ($package in @($State.driverStore)) {
        if ($package.publishedName -match '^oem(\d+)\.inf$' -and [int]$Matches[1] -gt $highest) { $highest = [int]$Matches[1] }
    }
    $name = 'oem' + ($highest + 1) + '.inf'
    $State.driverStore = @($State.driverStore) + @([pscustomobject]@{
            publishedName = $name; originalName = $Inf.originalName; provider = $Inf.provider; className = $Inf.className; version = $Inf.version; date = $Inf.date
        })
    return $name
}

# A new root-enumerated adapter, named as Windows names the next one ("Ethernet 2"); a TAP adapter has a link
# only while OpenVPN holds it open.
function Add-StandInAdapter($State, $Inf, [string]$HardwareId) {
    $highest = 0
    foreach ($adapter in @($State.adapters)) { if ([int]$adapter.ifIndex -gt $highest) { $highest = [int]$adapter.ifIndex } }
    $index = $highest + 1
    $number = 1
    $name = 'Ethernet'
    while (@($State.adapters | Where-Object { $_.name -eq $name }).Count -gt 0) { $number++; $name = 'Ethernet ' + $number }
    $hex = $index.ToString('X2')
    $State.adapters = @($State.adapters) + @([pscustomobject]@{
            name                 = $name
            interfaceDescription = $Inf.description
            ifIndex              = $index
            status               = 'Up'
            linkSpeedBps         = 1000000000
            macAddress           = '00-FF-6A-3C-00-' + $hex
            driverVersion        = $Inf.version
            componentId          = $HardwareId
            addresses            = @([pscustomobject]@{ address = 'fe80::2ff:6aff:fe3c:' + $index.ToString('x'); family = 'IPv6'; prefixLength = 64 })
            ipv6Gateway          = $null
            connectedBy          = @('OpenVPNService', 'OpenVPNServiceLegacy')
        })
}

# pnputil /add-driver <inf> /install: the lines after "Microsoft PnP Utility" and its exit code.
function Invoke-StandInAddDriver($State, [string[]]$Arguments) {
    $infPath = $Arguments[1]
    if (-not $State.system.elevated) { return @{ lines = @('Failed to add driver package: Access is denied.'); exitCode = 5 } }
    $inf = Read-StandInInf $State $infPath
    if ($null -eq $inf) { return @{ lines = @('Adding driver package:  ' + ($infPath -replace '^.*\\', ''), 'Failed to add driver package: The system cannot find the file specified.'); exitCode = 2 } }
    $published = Add-StandInPackage $State $inf
    $lines = @('Adding driver package:  ' + ($infPath -replace '^.*\\', ''), 'Driver package added successfully.', 'Published Name:         ' + $published)
    foreach ($adapter in @($State.adapters | Where-Object { $inf.hardwareIds -contains $_.componentId })) {
        $adapter.driverVersion = $inf.version
        $lines += 'Driver package installed on matching devices.'
    }
    Save-StandInState $State
    return @{ lines = ($lines + @('', 'Total driver packages:  1', 'Added driver packages:  1')); exitCode = 0 }
}

# tapinstall.exe (devcon) install|update <inf> <hardware id>, as the driver folder carries it.
function tapinstall.exe {
    $state = Read-StandInState
    $global:LASTEXITCODE = 0
    if ($args.Count -ne 3 -or @('install', 'update') -notcontains $args[0]) {
        'tapinstall.exe: Invalid use of install.'
        $global:LASTEXITCODE = 3
        return
    }
    $verb = [string]$args[0]
    $infPath = [string]$args[1]
    $hardwareId = [string]$args[2]
    if (-not $state.system.elevated) {
        'tapinstall.exe failed.'
        $global:LASTEXITCODE = 2
        return
    }
    $inf = Read-StandInInf $state $infPath
    if ($null -eq $inf -or $inf.hardwareIds -notcontains $hardwareId) {
        'tapinstall.exe failed.'
        $global:LASTEXITCODE = 2
        return
    }
    $matching = @($state.adapters | Where-Object { $_.componentId -eq $hardwareId })
    if ($verb -eq 'install') {
        'Device node created. Install is complete when drivers are installed...'
        Add-StandInAdapter $state $inf $hardwareId
    } elseif ($matching.Count -eq 0) {
        'tapinstall.exe failed.'
        $global:LASTEXITCODE = 2
        return
    }
    'Updating drivers for ' + $hardwareId + ' from ' + $infPath + '.'
    $null = Add-StandInPackage $state $inf
    foreach ($adapter in @($state.adapters | Where-Object { $_.componentId -eq $hardwareId })) { $adapter.driverVersion = $inf.version }
    Save-StandInState $state
    'Drivers installed successfully.'
}

# Get-Command -Name <folder>\tapinstall.exe -CommandType Application: the program in a driver folder.
function Find-StandInDriverTool($State, [string[]]$Name) {
    foreach ($path in @($Name)) {
        if (-not (Test-StandInWindowsPath $path) -or $path -notmatch '\\(tapinstall|devcon)\.exe$') { continue }
        if ((Get-StandInFiles $State).ContainsKey((ConvertTo-StandInKey $path))) {
            return Microsoft.PowerShell.Core\Get-Command -Name 'tapinstall.exe' -CommandType Function
        }
    }
    return $null
}

# ---------------------------------------------------------------------------------------------------
# HVCI: Win32_DeviceGuard, the DeviceGuard registry key (reg add) and Driver Verifier (verifier.exe).
# https://learn.microsoft.com/windows-hardware/drivers/bringup/device-guard-and-credential-guard
# (Win32_DeviceGuard in root\Microsoft\Windows\DeviceGuard: VirtualizationBasedSecurityStatus 0 off,
# 1 enabled but not running, 2 running; SecurityServicesConfigured/Running, 2 = HVCI)
# https://learn.microsoft.com/windows-hardware/drivers/driversecurity/use-device-guard-to-evaluate-hvci-driver-compatibility
# (verifier.exe /flags 0x02000000 /driver <driver.sys>; the REG ADD lines for the DeviceGuard key)
# https://learn.microsoft.com/windows-server/administration/windows-commands/reg-add
# https://learn.microsoft.com/windows-hardware/drivers/devtest/verifier-command-line (the settings are
# kept in Memory Management's VerifyDrivers and VerifyDriverLevel and apply at the next boot)
# ---------------------------------------------------------------------------------------------------
$HlkaStandInGuardKey = 'hklm\system\currentcontrolset\control\deviceguard'

function Test-StandInGuardConfigured($Guard) {
    return ([int]$Guard.registry.EnableVirtualizationBasedSecurity -eq 1) -and ([int]$Guard.registry.HypervisorEnforcedCodeIntegrity -eq 1)
}

function New-StandInDeviceGuard($State) {
    $guard = $State.deviceGuard
    $configured = Test-StandInGuardConfigured $guard
    $status = 0
    $servicesConfigured = [uint32[]]@()
    $servicesRunning = [uint32[]]@()
    if ($configured) { $status = 1; $servicesConfigured = [uint32[]]@(2) }
    if ($guard.running) { $status = 2; $servicesRunning = [uint32[]]@(2) }
    return [pscustomobject]@{
        VirtualizationBasedSecurityStatus = [uint32]$status
        SecurityServicesConfigured        = $servicesConfigured
        SecurityServicesRunning           = $servicesRunning
        RequiredSecurityProperties        = [uint32[]]@()
        AvailableSecurityProperties       = [uint32[]]@(1, 2, 3)
    }
}

# The keys of provisioning.ps1 in the stand-in's registry (Get-StandInRegistry calls this).
function Add-StandInProvisioningKeys($State, $Keys) {
    $memory = [ordered]@{}
    if ($null -ne $State.verifier) {
        $memory['VerifyDrivers'] = (@($State.verifier.drivers) -join ' ')
        $memory['VerifyDriverLevel'] = [int]$State.verifier.flags
    }
    $Keys['hklm:\system\currentcontrolset\control\session manager\memory management'] = $memory
}

# reg add <key> /v <name> /t REG_DWORD /d <n> /f, for the DeviceGuard values only.
function reg.exe {
    $state = Read-StandInState
    $global:LASTEXITCODE = 0
    $key = ([string]$args[1]).TrimEnd('\').ToLowerInvariant()
    if ($args.Count -ne 9 -or $args[0] -ne 'add' -or $args[2] -ne '/v' -or $args[4] -ne '/t' -or $args[5] -ne 'REG_DWORD' -or $args[6] -ne '/d' -or $args[8] -ne '/f') {
        'ERROR: Invalid syntax.'
        'Type "REG ADD /?" for usage.'
        $global:LASTEXITCODE = 1
        return
    }
    if (-not $state.system.elevated) {
        'ERROR: Access is denied.'
        $global:LASTEXITCODE = 1
        return
    }
    $name = [string]$args[3]
    if ($key -eq ($HlkaStandInGuardKey + '\scenarios\hypervisorenforcedcodeintegrity') -and $name -eq 'Enabled') { $name = 'HypervisorEnforcedCodeIntegrity' }
    elseif ($key -ne $HlkaStandInGuardKey) {
        "ERROR: the practice lab's Windows stand-in models no value under $($args[1])."
        $global:LASTEXITCODE = 1
        return
    }
    $state.deviceGuard.registry | Add-Member -NotePropertyName $name -NotePropertyValue ([int]$args[7]) -Force
    Save-StandInState $state
    'The operation completed successfully.'
}

# verifier.exe /flags <hex> /driver <name.sys>...: new settings for the next boot. Its exit code is not in
# Microsoft's documentation; the scripts read the settings back instead of trusting it.
function verifier.exe {
    $state = Read-StandInState
    $global:LASTEXITCODE = 0
    if ($args.Count -lt 4 -or $args[0] -ne '/flags' -or $args[2] -ne '/driver') {
        'Invalid command line.'
        $global:LASTEXITCODE = 1
        return
    }
    if (-not $state.system.elevated) {
        'Access is denied.'
        $global:LASTEXITCODE = 5
        return
    }
    $flags = [Convert]::ToInt64(([string]$args[1]).Substring(2), 16)
    $drivers = @($args[3..($args.Count - 1)] | ForEach-Object { [string]$_ })
    $state.verifier = [pscustomobject]@{ drivers = $drivers; flags = $flags }
    Save-StandInState $state
    'New verifier settings:'
    ''
    if (($flags -band 0x02000000) -ne 0) { 'Code integrity checks: Enabled' } else { 'Code integrity checks: Disabled' }
    ''
    'Verified drivers:'
    ''
    $drivers
    ''
    'The system reboot is required for the changes to take effect.'
}
