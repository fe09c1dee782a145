# hlk-assist practice lab: a stand-in for the Windows our operation scripts talk to, loaded into a
# PowerShell session before the request loop. Each function is named as the cmdlet or program a script
# calls (a function comes first in PowerShell's command lookup, so it shadows both) and returns what
# Windows returns: the same property names and types, and for programs the exact English text.
#
# The machine's state is the practice lab's state for it, as JSON in the file named by
# $env:HLKA_STAND_IN_STATE (written by machine-state.ts). It is read at every call, so what the practice
# lab changed between two requests (a reboot, another machine's service) is seen; a function that changes
# the machine writes it back at once, so the next call in the same script sees the change.
#
# Written for Windows PowerShell 5.1 as well as PowerShell 7: no ?:, ??, &&, and ConvertTo-Json with -Depth.

$HlkaStandInDepth = 30

# The parsed state and the text it came from: a script calls many functions between two writes, and the
# text is cheap to read where parsing it is not.
$HlkaStandInText = $null
$HlkaStandInState = $null

# tapdiag.exe, run by its full path, is an alias named after the path the machine has it at (see
# Invoke-StandInTapdiag below).
function Set-StandInTapdiagAlias($State) {
    if ($null -ne $State.tapdiag -and $State.tapdiag.toolPath) {
        Set-Alias -Name ([string]$State.tapdiag.toolPath) -Value 'Invoke-StandInTapdiag' -Scope Global
    }
}

function Read-StandInState {
    $text = [System.IO.File]::ReadAllText($env:HLKA_STAND_IN_STATE)
    if ($text -ceq $global:HlkaStandInText) { return $global:HlkaStandInState }
    # PowerShell 7 turns ISO date strings into DateTime; the state keeps them as the text it was given.
    $convert = Microsoft.PowerShell.Core\Get-Command -Name ConvertFrom-Json
    # -DateKind (7.5) is given by splatting, only where it exists: Windows PowerShell 5.1 keeps text as text.
    $options = @{ InputObject = $text }
    if ($convert.Parameters.ContainsKey('DateKind')) { $options.DateKind = 'String' }
    $state = ConvertFrom-Json @options
    # The process environment Windows gives every session on this machine.
    $env:COMPUTERNAME = [string]$state.system.computerName
    $env:USERNAME = [string]$state.user
    $env:SystemDrive = 'C:'
    $global:HlkaStandInText = $text
    $global:HlkaStandInState = $state
    Set-StandInTapdiagAlias $state
    return $state
}

function Save-StandInState($State) {
    $json = ConvertTo-Json -InputObject $State -Depth $HlkaStandInDepth
    [System.IO.File]::WriteAllText($env:HLKA_STAND_IN_STATE, $json, (New-Object System.Text.UTF8Encoding $false))
    $global:HlkaStandInText = $json
    $global:HlkaStandInState = $State
}

# The machine's environment is set as the stand-in loads (a script may read it before any call); the
# machine's PowerShell version is the one running, which the practice lab takes from the ready frame.
$null = Read-StandInState

# Windows PowerShell 5.1's CommandNotFoundException text for a command that is not on this machine.
function Assert-StandInCommand($State, [string]$Name, $Cmdlet) {
    if (@($State.missingCommands) -contains $Name.ToLowerInvariant()) {
        $message = "The term '$Name' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
        $exception = New-Object System.Management.Automation.CommandNotFoundException $message
        $record = New-Object System.Management.Automation.ErrorRecord $exception, 'CommandNotFoundException', 'ObjectNotFound', $Name
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function New-StandInError([string]$Message, [string]$Id, [string]$Category, $Target, [string]$ExceptionType = 'System.InvalidOperationException') {
    # Windows' own exception type where this PowerShell has it (the *-Service cmdlets' types exist on Windows only).
    $type = $ExceptionType -as [Type]
    if ($null -eq $type) { $type = [System.InvalidOperationException] }
    $exception = New-Object $type.FullName $Message
    return New-Object System.Management.Automation.ErrorRecord $exception, $Id, $Category, $Target
}

# A path in the stand-in's Windows (a drive letter, HKLM:, Cert:) rather than on the computer running it.
function Test-StandInWindowsPath([string]$Path) {
    return $Path -match '^([A-Za-z]:|HKLM:|Registry::|Cert:)'
}

function ConvertTo-StandInKey([string]$Path) {
    return $Path.TrimEnd('\').ToLowerInvariant()
}

# ---------------------------------------------------------------------------------------------------
# Files and registry: what the scripts read of both, built from the state.
# ---------------------------------------------------------------------------------------------------

# The files and folders the state implies: OpenVPN's program and configurations, HLK Studio's folder,
# the shares' files. Each entry: @{ kind = 'file'|'dir'; text; productVersion }.
function Get-StandInFiles($State) {
    $files = @{}
    $addDir = {
        param([string]$Path)
        $p = $Path.TrimEnd('\')
        while ($p -match '^(.*)\\[^\\]+$') {
            $files[(ConvertTo-StandInKey $p)] = @{ kind = 'dir'; path = $p }
            $p = $Matches[1]
        }
    }
    $addFile = {
        param([string]$Path, [string]$Text, [string]$ProductVersion)
        & $addDir ($Path -replace '\\[^\\]+$', '')
        $files[(ConvertTo-StandInKey $Path)] = @{ kind = 'file'; path = $Path; text = $Text; productVersion = $ProductVersion }
    }
    if ($null -ne $State.openvpn) {
        $dir = ([string]$State.openvpn.installDir).TrimEnd('\')
        & $addFile "$dir\bin\openvpn.exe" '' ([string]$State.openvpn.version)
        & $addDir "$dir\config"
        foreach ($config in @($State.openvpn.configs)) { & $addFile ([string]$config.path) ([string]$config.text) '' }
    }
    if ($null -ne $State.hlkStudio) {
        $dir = ([string]$State.hlkStudio.directory).TrimEnd('\')
        & $addDir $dir
        foreach ($assembly in @('Microsoft.Windows.Kits.Hardware.ObjectModel.dll', 'Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll')) {
            if (@($State.hlkStudio.missingAssemblies) -notcontains $assembly) { & $addFile "$dir\$assembly" '' '' }
        }
        # HLK Studio's connection file: <Connection Server="controller" Source="database" />.
        $xml = '<?xml version="1.0" encoding="utf-8"?><Connection Server="' + [Security.SecurityElement]::Escape([string]$State.hlkStudio.controller) +
            '" Source="' + [Security.SecurityElement]::Escape([string]$State.hlkStudio.database) + '" />'
        & $addFile "$dir\connect.xml" $xml ''
        # Microsoft's compatibility playlists where the operator unzipped them: about 180 bytes a test.
        foreach ($playlist in @($State.hlkStudio.playlists)) {
            & $addFile ([string]$playlist.path) '' ''
            $files[(ConvertTo-StandInKey ([string]$playlist.path))].length = [int64](180 * [int]$playlist.testCount)
            $files[(ConvertTo-StandInKey ([string]$playlist.path))].modifiedAt = '2019-10-01T00:00:00.000Z'
        }
    }
    foreach ($share in @($State.shares)) {
        & $addDir ([string]$share.path)
        foreach ($held in @($share.holds)) { & $addFile ((([string]$share.path).TrimEnd('\')) + '\' + $held) '' '' }
    }
    if ($null -ne $State.tapdiag -and $State.tapdiag.toolPath) { & $addFile ([string]$State.tapdiag.toolPath) '' '' }
    Add-StandInDriverPackageFiles $State $files
    # Files put on the machine for provisioning (a driver folder, an installer): provisioning.ps1.
    foreach ($stored in @($State.storedFiles)) { & $addFile ([string]$stored.path) ([string]$stored.text) '' }
    return $files
}

# The registry keys and values the scripts read, as HKLM:\ paths (lower case) to hashtables of values.
function Get-StandInRegistry($State) {
    $keys = @{}
    $system = $State.system
    $keys['hklm:\software\microsoft\windows nt\currentversion'] = [ordered]@{
        ProductName  = [string]$system.productName
        EditionID    = [string]$system.edition
        ReleaseId    = [string]$system.releaseId
        CurrentBuild = ([string]$system.osVersion).Split('.')[2]
        UBR          = [int]$system.ubr
    }
    $session = [ordered]@{}
    if (@($system.pendingReboot) -contains 'Pending file rename operations') {
        $session['PendingFileRenameOperations'] = [string[]]@('\??\C:\Windows\Temp\pending.tmp', '')
    }
    $keys['hklm:\system\currentcontrolset\control\session manager'] = $session
    if (@($system.pendingReboot) -contains 'Component Based Servicing') {
        $keys['hklm:\software\microsoft\windows\currentversion\component based servicing\rebootpending'] = [ordered]@{}
    }
    if (@($system.pendingReboot) -contains 'Windows Update') {
        $keys['hklm:\software\microsoft\windows\currentversion\windowsupdate\auto update\rebootrequired'] = [ordered]@{}
    }
    # The options this boot started with (HKLM\SYSTEM\CurrentControlSet\Control SystemStartOptions).
    $options = ' NOEXECUTE=OPTOUT'
    if ($State.signing.testSigningActive) { $options = ' TESTSIGNING' + $options }
    $keys['hklm:\system\currentcontrolset\control'] = [ordered]@{ SystemStartOptions = $options }
    $environment = [ordered]@{}
    if ($null -ne $State.hlkStudio) { $environment['WTTSTDIO'] = [string]$State.hlkStudio.directory }
    $keys['hklm:\system\currentcontrolset\control\session manager\environment'] = $environment
    if ($null -ne $State.openvpn) {
        $dir = ([string]$State.openvpn.installDir).TrimEnd('\')
        # What OpenVPN's installer writes under HKLM\SOFTWARE\OpenVPN.
        $keys['hklm:\software\openvpn'] = [ordered]@{
            '(default)'          = [string]$State.openvpn.installDir
            exe_path             = "$dir\bin\openvpn.exe"
            config_dir           = "$dir\config"
            autostart_config_dir = "$dir\config-auto"
        }
    }
    # The TAP driver's service key, which its installer creates, and the TapDiag value `tapdiag /enable` sets
    # (REG_DWORD 1) and the driver reads when it loads.
    # https://learn.microsoft.com/windows-hardware/drivers/install/hklm-system-currentcontrolset-services-registry-tree
    if (@($State.adapters | Where-Object { Test-StandInTap $_ }).Count -gt 0) {
        $tap = [ordered]@{}
        if ($State.tapdiag.registryEnabled) { $tap['TapDiag'] = [int]1 }
        $keys['hklm:\system\currentcontrolset\services\tap0901'] = $tap
    }
    # Device Guard and Driver Verifier's keys: provisioning.ps1.
    Add-StandInProvisioningKeys $State $keys
    return $keys
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters }
    $keys = Get-StandInRegistry (Read-StandInState)
    $values = $keys[(ConvertTo-StandInKey $target)]
    if ($null -eq $values) {
        $PSCmdlet.WriteError((New-StandInError "Cannot find path '$target' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand' 'ObjectNotFound' $target 'System.Management.Automation.ItemNotFoundException'))
        return
    }
    $out = [ordered]@{}
    foreach ($key in $values.Keys) {
        if ($null -eq $Name -or $Name -contains $key) { $out[$key] = $values[$key] }
    }
    foreach ($wanted in @($Name)) {
        if ($null -ne $wanted -and -not $out.Contains($wanted)) {
            $hive = $target -replace '^HKLM:', 'HKEY_LOCAL_MACHINE'
            $PSCmdlet.WriteError((New-StandInError "Property $wanted does not exist at path $hive." 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand' 'InvalidArgument' $wanted 'System.Management.Automation.PSArgumentException'))
            return
        }
    }
    $out['PSPath'] = 'Microsoft.PowerShell.Core\Registry::' + ($target -replace '^HKLM:', 'HKEY_LOCAL_MACHINE')
    return [pscustomobject]$out
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [string]$PathType)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Test-Path @PSBoundParameters }
    $state = Read-StandInState
    $key = ConvertTo-StandInKey $target
    if ($key.StartsWith('hklm:')) { return (Get-StandInRegistry $state).ContainsKey($key) }
    $entry = (Get-StandInFiles $state)[$key]
    if ($null -eq $entry) { return $false }
    if ($PathType -eq 'Leaf') { return $entry.kind -eq 'file' }
    if ($PathType -eq 'Container') { return $entry.kind -eq 'dir' }
    return $true
}

# Join-Path on a Windows path joins with a backslash, whatever computer runs the stand-in.
function Join-Path {
    param([Parameter(Position = 0)][string]$Path, [Parameter(Position = 1)][string]$ChildPath)
    if (-not (Test-StandInWindowsPath $Path)) { return Microsoft.PowerShell.Management\Join-Path -Path $Path -ChildPath $ChildPath }
    return $Path.TrimEnd('\') + '\' + $ChildPath.TrimStart('\')
}

function New-StandInFileItem($Entry) {
    $name = $Entry.path -replace '^.*\\', ''
    $item = [pscustomobject]@{
        Name          = $name
        FullName      = $Entry.path
        PSIsContainer = ($Entry.kind -eq 'dir')
        VersionInfo   = [pscustomobject]@{ ProductVersion = $Entry.productVersion; FileName = $Entry.path }
    }
    # FileInfo's Length and LastWriteTimeUtc (https://learn.microsoft.com/dotnet/api/system.io.fileinfo).
    if ($Entry.kind -eq 'file') {
        $length = [int64]0
        if ($null -ne $Entry.length) { $length = [int64]$Entry.length }
        $modified = [DateTime]::new(2019, 10, 1, 0, 0, 0, [DateTimeKind]::Utc)
        if ($null -ne $Entry.modifiedAt) { $modified = [DateTime]::Parse([string]$Entry.modifiedAt, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind).ToUniversalTime() }
        $item | Add-Member -NotePropertyName Length -NotePropertyValue $length
        $item | Add-Member -NotePropertyName LastWriteTimeUtc -NotePropertyValue $modified
    }
    return $item
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Get-Item @PSBoundParameters }
    $entry = (Get-StandInFiles (Read-StandInState))[(ConvertTo-StandInKey $target)]
    if ($null -eq $entry) {
        $PSCmdlet.WriteError((New-StandInError "Cannot find path '$target' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand' 'ObjectNotFound' $target 'System.Management.Automation.ItemNotFoundException'))
        return
    }
    return New-StandInFileItem $entry
}

function Get-Content {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [switch]$Raw, [string]$Encoding)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Get-Content @PSBoundParameters }
    $entry = (Get-StandInFiles (Read-StandInState))[(ConvertTo-StandInKey $target)]
    if ($null -eq $entry -or $entry.kind -ne 'file') {
        $PSCmdlet.WriteError((New-StandInError "Cannot find path '$target' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand' 'ObjectNotFound' $target 'System.Management.Automation.ItemNotFoundException'))
        return
    }
    if ($Raw) { return $entry.text }
    # Without -Raw, Get-Content gives one string per line.
    $lines = @($entry.text -split "`r?`n")
    if ($lines.Count -gt 0 -and $lines[-1] -eq '') { $lines = $lines[0..($lines.Count - 2)] }
    return $lines
}

function Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [string]$Filter, [switch]$File, [switch]$Recurse)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters }
    $state = Read-StandInState
    if ($target -match '^Cert:\\LocalMachine\\([^\\]+)$') {
        # Certificates in a LocalMachine store: X509Certificate2's Subject, Thumbprint and NotAfter (local time).
        $store = $Matches[1]
        foreach ($cert in @($state.certificates | Where-Object { $_.store -eq $store })) {
            [pscustomobject]@{
                Subject    = [string]$cert.subject
                Thumbprint = [string]$cert.thumbprint
                NotAfter   = ([DateTime]::Parse([string]$cert.notAfter, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)).ToLocalTime()
            }
        }
        return
    }
    $files = Get-StandInFiles $state
    $dir = ConvertTo-StandInKey $target
    if (-not $files.ContainsKey($dir)) {
        $PSCmdlet.WriteError((New-StandInError "Cannot find path '$target' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand' 'ObjectNotFound' $target 'System.Management.Automation.ItemNotFoundException'))
        return
    }
    $children = @($files.Values | Where-Object { (ConvertTo-StandInKey ($_.path -replace '\\[^\\]+$', '')) -eq $dir } | Sort-Object { $_.path })
    foreach ($child in $children) {
        if ($File -and $child.kind -ne 'file') { continue }
        if ($Filter -and ($child.path -replace '^.*\\', '') -notlike $Filter) { continue }
        New-StandInFileItem $child
    }
}

# Get-PSDrive -Name C -PSProvider FileSystem: the system drive's Free and Used bytes.
function Get-PSDrive {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$PSProvider)
    if ($Name -ne 'C') { return Microsoft.PowerShell.Management\Get-PSDrive @PSBoundParameters }
    $system = (Read-StandInState).system
    $free = [int64]$system.systemDriveFreeBytes
    return [pscustomobject]@{ Name = 'C'; Root = 'C:\'; Free = $free; Used = ([int64]$system.systemDriveTotalBytes - $free) }
}

# ---------------------------------------------------------------------------------------------------
# CIM: the Win32 classes the scripts read.
# https://learn.microsoft.com/windows/win32/cimwin32prov/win32-operatingsystem (Version "10.0.17763",
# LastBootUpTime a DateTime), .../win32-computersystem (Manufacturer, Model, NumberOfLogicalProcessors),
# .../win32-processor (NumberOfCores per processor).
# ---------------------------------------------------------------------------------------------------
function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ClassName, [string]$Namespace)
    $state = Read-StandInState
    Assert-StandInCommand $state 'Get-CimInstance' $PSCmdlet
    $system = $state.system
    switch ($ClassName) {
        'Win32_DeviceGuard' { return New-StandInDeviceGuard $state }
        'Win32_OperatingSystem' {
            $version = ([string]$system.osVersion).Split('.')
            $boot = [DateTime]::Parse([string]$state.bootTime, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
            return [pscustomobject]@{
                Caption        = 'Microsoft ' + [string]$system.productName
                Version        = ($version[0..2] -join '.')
                BuildNumber    = $version[2]
                CSName         = [string]$system.computerName
                LastBootUpTime = $boot.ToLocalTime()
            }
        }
        'Win32_ComputerSystem' {
            return [pscustomobject]@{
                Name                      = [string]$system.computerName
                Manufacturer              = [string]$state.manufacturer
                Model                     = [string]$state.model
                NumberOfLogicalProcessors = [uint32]$system.logicalProcessors
            }
        }
        'Win32_Processor' {
            return [pscustomobject]@{ DeviceID = 'CPU0'; NumberOfCores = [uint32]$system.cores; NumberOfLogicalProcessors = [uint32]$system.logicalProcessors }
        }
        default {
            $PSCmdlet.ThrowTerminatingError((New-StandInError "The practice lab's Windows stand-in does not model the CIM class $ClassName." 'StandInUnknownClass' 'NotImplemented' $ClassName))
        }
    }
}

# whoami /groups /fo csv /nh: one CSV line per group of the token; the mandatory label's SID tells an
# elevated token (High, S-1-16-12288) from a UAC-filtered one (Medium, S-1-16-8192).
# https://learn.microsoft.com/windows-server/administration/windows-commands/whoami
function whoami.exe {
    $state = Read-StandInState
    $global:LASTEXITCODE = 0
    if (($args -join ' ') -ne '/groups /fo csv /nh') {
        return "$($state.system.computerName.ToLowerInvariant())\$($state.user.ToLowerInvariant())"
    }
    '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"'
    if ($state.system.elevated) {
        '"BUILTIN\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"'
        '"Mandatory Label\High Mandatory Level","Label","S-1-16-12288",""'
    } else {
        '"BUILTIN\Administrators","Alias","S-1-5-32-544","Group used for deny only"'
        '"Mandatory Label\Medium Mandatory Level","Label","S-1-16-8192",""'
    }
}

# shutdown /r /t N /c "..." /d p:4:1: returns at once; Access is denied is exit code 5.
# https://learn.microsoft.com/windows-server/administration/windows-commands/shutdown
function shutdown.exe {
    $state = Read-StandInState
    if (-not $state.system.elevated) {
        'Access is denied.(5)'
        $global:LASTEXITCODE = 5
        return
    }
    if ($state.rebootScheduled) {
        # ERROR_SHUTDOWN_IS_SCHEDULED
        'A system shutdown has already been scheduled.(1190)'
        $global:LASTEXITCODE = 1190
        return
    }
    $delay = 30
    for ($i = 0; $i -lt $args.Count; $i++) { if ($args[$i] -eq '/t') { $delay = [int]$args[$i + 1] } }
    $state.rebootScheduled = $true
    $state.rebootRequestedInSeconds = $delay
    Save-StandInState $state
    $global:LASTEXITCODE = 0
}

# ---------------------------------------------------------------------------------------------------
# Services: ServiceController's Name, DisplayName, Status (ServiceControllerStatus), StartType
# (ServiceStartMode), WaitForStatus and Refresh.
# https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontroller
# https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-service?view=powershell-5.1
# ---------------------------------------------------------------------------------------------------
function Find-StandInService($State, [string]$Name) {
    return @($State.services | Where-Object { $_.name -eq $Name -or $_.displayName -eq $Name }) | Select-Object -First 1
}

function New-StandInService($Service) {
    $object = [pscustomobject]@{
        Name        = [string]$Service.name
        DisplayName = [string]$Service.displayName
        Status      = [System.ServiceProcess.ServiceControllerStatus][string]$Service.status
        StartType   = [System.ServiceProcess.ServiceStartMode][string]$Service.startType
    }
    $object | Add-Member -MemberType ScriptMethod -Name Refresh -Value {
        $now = Find-StandInService (Read-StandInState) $this.Name
        $this.Status = [System.ServiceProcess.ServiceControllerStatus][string]$now.status
        $this.StartType = [System.ServiceProcess.ServiceStartMode][string]$now.startType
    }
    # The stand-in changes a service at once, so a wait either sees the status or would time out.
    $object | Add-Member -MemberType ScriptMethod -Name WaitForStatus -Value {
        param($Desired, $Timeout)
        $now = Find-StandInService (Read-StandInState) $this.Name
        if ([string]$now.status -ne [string]$Desired) {
            throw (New-Object System.ServiceProcess.TimeoutException 'Time out has expired and the operation has not been completed.')
        }
    }
    return $object
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    $state = Read-StandInState
    foreach ($wanted in @($Name)) {
        $service = Find-StandInService $state $wanted
        if ($null -eq $service) {
            $PSCmdlet.WriteError((New-StandInError "Cannot find any service with service name '$wanted'." 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' 'ObjectNotFound' $wanted 'Microsoft.PowerShell.Commands.ServiceCommandException'))
            continue
        }
        New-StandInService $service
    }
}

# Changes one service in the state, or throws the error the *-Service cmdlets give. $Change gets the
# service and returns the error's reason, or $null when it succeeded.
function Update-StandInService($Cmdlet, [string]$Name, [string]$Verb, [scriptblock]$Change) {
    $state = Read-StandInState
    $service = Find-StandInService $state $Name
    if ($null -eq $service) {
        $Cmdlet.ThrowTerminatingError((New-StandInError "Cannot find any service with service name '$Name'." 'NoServiceFoundForGivenName' 'ObjectNotFound' $Name 'Microsoft.PowerShell.Commands.ServiceCommandException'))
    }
    $reason = & $Change $service $state
    Save-StandInState $state
    if ($null -ne $reason) {
        $message = "Service '$($service.displayName) ($($service.name))' cannot be $Verb due to the following error: $reason"
        $Cmdlet.ThrowTerminatingError((New-StandInError $message "CouldNotStartService" 'OpenError' $Name 'Microsoft.PowerShell.Commands.ServiceCommandException'))
    }
}

function Set-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$StartupType, [string]$Status)
    Update-StandInService $PSCmdlet $Name 'configured' {
        param($service, $state)
        if (-not $state.system.elevated) { return 'Access is denied' }
        if ($StartupType) { $service.startType = $StartupType }
        return $null
    }
}

function Start-StandInService($Service, $State) {
    if (-not $State.system.elevated) { return "Cannot open $($Service.name) service on computer '.'." }
    if ($Service.failsToStart) {
        $Service.status = 'Stopped'
        return [string]$Service.failsToStart
    }
    $Service.status = 'Running'
    return $null
}

function Start-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name)
    Update-StandInService $PSCmdlet $Name 'started' { param($service, $state) Start-StandInService $service $state }
}

function Restart-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [switch]$Force)
    # Restart-Service stops the service first: without elevation that is what fails.
    $verb = 'started'
    if ((Find-StandInService (Read-StandInState) $Name).status -eq 'Running') { $verb = 'stopped' }
    Update-StandInService $PSCmdlet $Name $verb {
        param($service, $state)
        if (-not $state.system.elevated) { return "Cannot open $($service.name) service on computer '.'." }
        $service.status = 'Stopped'
        Start-StandInService $service $state
    }
}

function Stop-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [switch]$Force)
    Update-StandInService $PSCmdlet $Name 'stopped' {
        param($service, $state)
        if (-not $state.system.elevated) { return "Cannot open $($service.name) service on computer '.'." }
        $service.status = 'Stopped'
        return $null
    }
}

# ---------------------------------------------------------------------------------------------------
# Network adapters, addresses and routes (NetAdapter and NetTCPIP modules).
# https://learn.microsoft.com/powershell/module/netadapter/get-netadapter (MSFT_NetAdapter: Name,
# InterfaceDescription, ifIndex, Status "Up"/"Disconnected"/"Disabled", MediaConnectionState, LinkSpeed
# "1 Gbps", ReceiveLinkSpeed in bits per second, MacAddress "00-15-5D-..", DriverVersion, ComponentID)
# https://learn.microsoft.com/powershell/module/nettcpip/get-netipaddress (IPAddress, AddressFamily,
# PrefixLength), https://learn.microsoft.com/powershell/module/nettcpip/get-netroute (the active store:
# an interface without a link has no routes there; NextHop)
# ---------------------------------------------------------------------------------------------------
function Test-StandInTap($Adapter) { return ([string]$Adapter.componentId).ToLowerInvariant() -eq 'tap0901' }

# The model's rule (SimulatedHost.adapterStatus): a tunnel adapter has a link only while a service that
# brings it up runs, and a TAP adapter whose cable tapdiag unplugged has none.
function Get-StandInAdapterStatus($State, $Adapter) {
    if ($Adapter.status -ne 'Up') { return [string]$Adapter.status }
    if ((Test-StandInTap $Adapter) -and $State.tapDriver.link -eq 'off') { return 'Disconnected' }
    if ($null -eq $Adapter.connectedBy) { return 'Up' }
    foreach ($name in @($Adapter.connectedBy)) {
        $service = Find-StandInService $State $name
        if ($null -ne $service -and $service.status -eq 'Running') { return 'Up' }
    }
    return 'Disconnected'
}

function Format-StandInLinkSpeed([double]$Bps) {
    if ($Bps -ge 1e9) { return ('{0} Gbps' -f ($Bps / 1e9)) }
    if ($Bps -ge 1e6) { return ('{0} Mbps' -f ($Bps / 1e6)) }
    return ('{0} Kbps' -f ($Bps / 1e3))
}

function New-StandInAdapter($State, $Adapter) {
    $status = Get-StandInAdapterStatus $State $Adapter
    $media = 'Disconnected'
    if ($status -eq 'Up') { $media = 'Connected' }
    return [pscustomobject]@{
        Name                 = [string]$Adapter.name
        InterfaceDescription = [string]$Adapter.interfaceDescription
        ifIndex              = [uint32]$Adapter.ifIndex
        Status               = $status
        MediaConnectionState = $media
        LinkSpeed            = Format-StandInLinkSpeed $Adapter.linkSpeedBps
        ReceiveLinkSpeed     = [uint64]$Adapter.linkSpeedBps
        TransmitLinkSpeed    = [uint64]$Adapter.linkSpeedBps
        MacAddress           = [string]$Adapter.macAddress
        DriverVersion        = [string]$Adapter.driverVersion
        ComponentID          = [string]$Adapter.componentId
    }
}

function Get-NetAdapter {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$IncludeHidden)
    $state = Read-StandInState
    Assert-StandInCommand $state 'Get-NetAdapter' $PSCmdlet
    foreach ($adapter in @($state.adapters)) {
        if ($Name -and -not ($Name | Where-Object { $adapter.name -like $_ })) { continue }
        New-StandInAdapter $state $adapter
    }
}

function Rename-NetAdapter {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, $InputObject, [Parameter(Mandatory = $true)][string]$NewName)
    $state = Read-StandInState
    $current = $Name
    if ($null -ne $InputObject) { $current = [string]$InputObject.Name }
    $adapter = @($state.adapters | Where-Object { $_.name -eq $current }) | Select-Object -First 1
    if ($null -eq $adapter) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError "No MSFT_NetAdapter objects found with property 'Name' equal to '$current'." 'CmdletizationQuery_NotFound_Name,Rename-NetAdapter' 'ObjectNotFound' $current))
    }
    if (-not $state.system.elevated) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError 'Access is denied.' 'Windows System Error 5,Rename-NetAdapter' 'PermissionDenied' $current 'Microsoft.Management.Infrastructure.CimException'))
    }
    if (@($state.adapters | Where-Object { $_ -ne $adapter -and $_.name -eq $NewName }).Count -gt 0) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError '{Object Exists} An attempt was made to create an object and the object name already existed.' 'Windows System Error 1,Rename-NetAdapter' 'ResourceExists' $current 'Microsoft.Management.Infrastructure.CimException'))
    }
    $adapter.name = $NewName
    Save-StandInState $state
}

function Get-NetIPAddress {
    [CmdletBinding()]
    param([uint32]$InterfaceIndex, [string]$AddressFamily)
    $state = Read-StandInState
    $adapter = @($state.adapters | Where-Object { [uint32]$_.ifIndex -eq $InterfaceIndex }) | Select-Object -First 1
    $found = @()
    if ($null -ne $adapter) { $found = @($adapter.addresses | Where-Object { -not $AddressFamily -or $_.family -eq $AddressFamily }) }
    if ($found.Count -eq 0) {
        $PSCmdlet.WriteError((New-StandInError 'No matching MSFT_NetIPAddress objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetIPAddress class on the  CIM server: SELECT * FROM MSFT_NetIPAddress  WHERE ((InterfaceIndex = ' + $InterfaceIndex + ')). Verify query parameters and retry.' 'CmdletizationQuery_NotFound,Get-NetIPAddress' 'ObjectNotFound' $InterfaceIndex))
        return
    }
    foreach ($address in $found) {
        [pscustomobject]@{
            IPAddress      = [string]$address.address
            InterfaceIndex = [uint32]$adapter.ifIndex
            InterfaceAlias = [string]$adapter.name
            AddressFamily  = [string]$address.family
            PrefixLength   = [byte]$address.prefixLength
        }
    }
}

function Get-NetRoute {
    [CmdletBinding()]
    param([uint32]$InterfaceIndex, [string]$DestinationPrefix)
    $state = Read-StandInState
    $adapter = @($state.adapters | Where-Object { [uint32]$_.ifIndex -eq $InterfaceIndex }) | Select-Object -First 1
    $routes = @()
    if ($null -ne $adapter -and (Get-StandInAdapterStatus $state $adapter) -eq 'Up' -and $adapter.ipv6Gateway -and ($DestinationPrefix -eq '::/0' -or -not $DestinationPrefix)) {
        $routes = @([pscustomobject]@{ DestinationPrefix = '::/0'; NextHop = [string]$adapter.ipv6Gateway; InterfaceIndex = [uint32]$adapter.ifIndex; RouteMetric = 256 })
    }
    if ($routes.Count -eq 0) {
        $PSCmdlet.WriteError((New-StandInError 'No matching MSFT_NetRoute objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetRoute class on the  CIM server. Verify query parameters and retry.' 'CmdletizationQuery_NotFound,Get-NetRoute' 'ObjectNotFound' $InterfaceIndex))
        return
    }
    $routes
}

# ---------------------------------------------------------------------------------------------------
# SMB: Get-SmbMapping (LocalPath, RemotePath, Status "OK"/"Unavailable"/"Disconnected"), Remove-SmbMapping,
# Get-SmbShare (Name, Path).
# https://learn.microsoft.com/powershell/module/smbshare/get-smbmapping
# https://learn.microsoft.com/powershell/module/smbshare/remove-smbmapping
# https://learn.microsoft.com/powershell/module/smbshare/get-smbshare
# ---------------------------------------------------------------------------------------------------
function Get-SmbMapping {
    [CmdletBinding()]
    param()
    $state = Read-StandInState
    Assert-StandInCommand $state 'Get-SmbMapping' $PSCmdlet
    foreach ($mapping in @($state.driveMappings)) {
        [pscustomobject]@{ LocalPath = [string]$mapping.localPath; RemotePath = [string]$mapping.remotePath; Status = [string]$mapping.status }
    }
}

function Remove-SmbMapping {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true)]$InputObject, [switch]$Force, [switch]$UpdateProfile)
    process {
        $state = Read-StandInState
        $state.driveMappings = @($state.driveMappings | Where-Object { $_.localPath -ne $InputObject.LocalPath })
        Save-StandInState $state
    }
}

function Get-SmbShare {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name)
    $state = Read-StandInState
    Assert-StandInCommand $state 'Get-SmbShare' $PSCmdlet
    $share = @($state.shares | Where-Object { $_.name -eq $Name }) | Select-Object -First 1
    if ($null -eq $share) {
        $PSCmdlet.WriteError((New-StandInError 'No MSFT_SmbShare objects found with property ''Name'' equal to ''' + $Name + '''.  Verify the value of the property and retry.' 'CmdletizationQuery_NotFound_Name,Get-SmbShare' 'ObjectNotFound' $Name))
        return
    }
    [pscustomobject]@{ Name = [string]$share.name; Path = [string]$share.path; ScopeName = '*' }
}

# ---------------------------------------------------------------------------------------------------
# HLK Studio: its process and its object model.
# ---------------------------------------------------------------------------------------------------

# Get-Process -Name HLKStudio: Process's Name and Id (https://learn.microsoft.com/dotnet/api/system.diagnostics.process)
# while the practice lab has HLK Studio open on the controller; nothing (and a non-terminating error) otherwise.
function Get-Process {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    $state = Read-StandInState
    if (@($Name | Where-Object { $_ -ne 'HLKStudio' }).Count -gt 0 -or $null -eq $Name) { return Microsoft.PowerShell.Management\Get-Process @PSBoundParameters }
    if ($null -ne $state.hlkStudio -and $state.hlkStudio.inUse) {
        return [pscustomobject]@{ Name = 'HLKStudio'; ProcessName = 'HLKStudio'; Id = 5112 }
    }
    $PSCmdlet.WriteError((New-StandInError "Cannot find a process with the name `"HLKStudio`". Verify the process name and call the cmdlet again." 'NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand' 'ObjectNotFound' 'HLKStudio'))
}

# Add-Type -LiteralPath on HLK Studio's two assemblies, as hlk-functions.ps1 loads the object model
# (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-type: -LiteralPath takes
# assembly files): the stand-in's object model takes their place. hlk-object-model.cs (the file named by
# $env:HLKA_STAND_IN_OBJECT_MODEL) is compiled once per PowerShell; each load points it at this machine's HLK
# state, and disposing the ProjectManager writes the state back.
$HlkaStandInAssemblies = @('microsoft.windows.kits.hardware.objectmodel.dll', 'microsoft.windows.kits.hardware.objectmodel.dbconnection.dll')

# Compiling takes seconds (tens on a busy computer): the first PowerShell to need it compiles it into a file
# named after the source's hash, beside the source, and every later one loads that file.
function Import-StandInObjectModel {
    if ($null -ne ('HlkAssist.PracticeLab.HlkStandInState' -as [Type])) { return }
    $source = [System.IO.File]::ReadAllText($env:HLKA_STAND_IN_OBJECT_MODEL)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $hash = -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($source))[0..7] | ForEach-Object { $_.ToString('x2') })
    $dll = [System.IO.Path]::ChangeExtension($env:HLKA_STAND_IN_OBJECT_MODEL, ".$hash.dll")
    if (-not [System.IO.File]::Exists($dll)) {
        $mine = [System.IO.Path]::ChangeExtension($env:HLKA_STAND_IN_OBJECT_MODEL, ".$hash.$PID.dll")
        Microsoft.PowerShell.Utility\Add-Type -TypeDefinition $source -Language CSharp -OutputAssembly $mine -OutputType Library
        try { [System.IO.File]::Move($mine, $dll) } catch { [System.IO.File]::Delete($mine) }
    }
    [void][System.Reflection.Assembly]::LoadFrom($dll)
}

function Add-Type {
    [CmdletBinding()]
    param([string[]]$LiteralPath)
    foreach ($file in $LiteralPath) {
        if (-not (Test-StandInWindowsPath $file)) { Microsoft.PowerShell.Utility\Add-Type -LiteralPath $file; continue }
        $state = Read-StandInState
        $name = ($file -replace '^.*\\', '').ToLowerInvariant()
        if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
            $PSCmdlet.ThrowTerminatingError((New-StandInError "Cannot find path '$file' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.AddTypeCommand' 'ObjectNotFound' $file 'System.Management.Automation.ItemNotFoundException'))
        }
        if ($HlkaStandInAssemblies -notcontains $name) {
            $PSCmdlet.ThrowTerminatingError((New-StandInError "The practice lab has no stand-in for the assembly $file." 'AssemblyNotStoodIn' 'NotImplemented' $file))
        }
        Import-StandInObjectModel
        $saving = [Action]{
            $now = Read-StandInState
            $now.hlkStudio = [HlkAssist.PracticeLab.HlkStandInState]::Studio
            Save-StandInState $now
        }
        [HlkAssist.PracticeLab.HlkStandInState]::Load($state.hlkStudio, $state.hlkKitTests, $saving)
    }
}

# ---------------------------------------------------------------------------------------------------
# Programs the scripts find with Get-Command -CommandType Application (bcdedit.exe, pnputil.exe): the
# stand-in's functions stand for them, and a program missing from the machine is not found.
# ---------------------------------------------------------------------------------------------------
$HlkaStandInPrograms = @('bcdedit.exe', 'pnputil.exe', 'whoami.exe', 'shutdown.exe', 'reg.exe', 'verifier.exe')

function Get-Command {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [string]$CommandType)
    $state = Read-StandInState
    $tool = Find-StandInDriverTool $state $Name
    if ($null -ne $tool) { return $tool }
    $programs = @($Name | Where-Object { $HlkaStandInPrograms -contains ([string]$_).ToLowerInvariant() })
    if ($programs.Count -eq 0) { return Microsoft.PowerShell.Core\Get-Command @PSBoundParameters }
    foreach ($program in $programs) {
        Assert-StandInCommand $state $program $PSCmdlet
        Microsoft.PowerShell.Core\Get-Command -Name $program -CommandType Function
    }
}

# bcdedit /enum {current} and /set {current} testsigning on, in English.
# https://learn.microsoft.com/windows-hardware/drivers/devtest/bcdedit--set (testsigning: Yes/No)
# https://learn.microsoft.com/windows-hardware/drivers/install/the-testsigning-boot-configuration-option
function bcdedit.exe {
    $state = Read-StandInState
    if (-not $state.system.elevated) {
        'The boot configuration data store could not be opened.'
        'Access is denied.'
        $global:LASTEXITCODE = 1
        return
    }
    $command = ($args -join ' ')
    if ($command -eq '/set {current} testsigning on') {
        if ($state.signing.secureBoot) {
            'An error has occurred setting the element data.'
            'The value is protected by Secure Boot policy and cannot be modified or deleted.'
            $global:LASTEXITCODE = 1
            return
        }
        $state.signing.testSigning = $true
        Save-StandInState $state
        'The operation completed successfully.'
        $global:LASTEXITCODE = 0
        return
    }
    if ($command -eq '/enum {current}') {
        ''
        'Windows Boot Loader'
        '-------------------'
        'identifier              {current}'
        'device                  partition=C:'
        'path                    \Windows\system32\winload.exe'
        'description             ' + [string]$state.system.productName
        'locale                  en-US'
        'inherit                 {bootloadersettings}'
        'recoverysequence        {9f1b4c2e-0d3a-11e9-9b3e-8c8caa0e7e20}'
        'displaymessageoverride  Recovery'
        'recoveryenabled         Yes'
        # bcdedit lists testsigning once it was set; "No" after /set testsigning off.
        if ($state.signing.testSigning) { 'testsigning             Yes' }
        'allowedinmemorysettings 0x15000075'
        'osdevice                partition=C:'
        'systemroot              \Windows'
        'resumeobject            {9f1b4c2d-0d3a-11e9-9b3e-8c8caa0e7e20}'
        'nx                      OptOut'
        'bootmenupolicy          Standard'
        $global:LASTEXITCODE = 0
        return
    }
    'The parameter is incorrect.'
    $global:LASTEXITCODE = 1
}

# Confirm-SecureBootUEFI: True or False on UEFI, an error on legacy BIOS or without elevation.
# https://learn.microsoft.com/powershell/module/secureboot/confirm-securebootuefi
function Confirm-SecureBootUEFI {
    [CmdletBinding()]
    param()
    $state = Read-StandInState
    if (-not $state.system.elevated) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError 'Access was denied. To run this cmdlet, start Windows PowerShell with the "Run as administrator" option.' 'UnauthorizedAccessException,Microsoft.SecureBoot.Commands.ConfirmSecureBootUefiCommand' 'PermissionDenied' $null 'System.UnauthorizedAccessException'))
    }
    if ($null -eq $state.signing.secureBoot) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError 'Cmdlet not supported on this platform: 0xC0000002' 'NotSupportedException,Microsoft.SecureBoot.Commands.ConfirmSecureBootUefiCommand' 'NotImplemented' $null 'System.NotSupportedException'))
    }
    return [bool]$state.signing.secureBoot
}

# pnputil /enum-drivers and /delete-driver, as Windows 10 1607 and later print them in English.
# https://learn.microsoft.com/windows-hardware/drivers/devtest/pnputil-command-syntax
function pnputil.exe {
    $state = Read-StandInState
    'Microsoft PnP Utility'
    ''
    if ($args.Count -eq 1 -and $args[0] -eq '/enum-drivers') {
        foreach ($package in @($state.driverStore)) {
            'Published Name:     ' + $package.publishedName
            'Original Name:      ' + $package.originalName
            'Provider Name:      ' + $package.provider
            'Class Name:         ' + $package.className
            'Class GUID:         {4d36e972-e325-11ce-bfc1-08002be10318}'
            'Driver Version:     ' + $package.date + ' ' + $package.version
            'Signer Name:        Microsoft Windows Hardware Compatibility Publisher'
            ''
        }
        $global:LASTEXITCODE = 0
        return
    }
    if ($args.Count -eq 3 -and $args[0] -eq '/add-driver' -and $args[2] -eq '/install') {
        $added = Invoke-StandInAddDriver $state $args
        $added.lines
        $global:LASTEXITCODE = $added.exitCode
        return
    }
    if ($args.Count -eq 2 -and $args[0] -eq '/delete-driver') {
        $name = [string]$args[1]
        if (-not $state.system.elevated) {
            'Failed to delete driver package: Access is denied.'
            $global:LASTEXITCODE = 5
            return
        }
        $package = @($state.driverStore | Where-Object { $_.publishedName -eq $name }) | Select-Object -First 1
        if ($null -eq $package) {
            'Failed to delete driver package: The system cannot find the file specified.'
            $global:LASTEXITCODE = 2
            return
        }
        # A package a device still uses stays: the model tells it by the adapters' driver version.
        if (@($state.adapters | Where-Object { $_.driverVersion -eq $package.version }).Count -gt 0) {
            'Failed to delete driver package: One or more devices are presently installed using the specified INF.'
            $global:LASTEXITCODE = 3010
            return
        }
        $state.driverStore = @($state.driverStore | Where-Object { $_.publishedName -ne $name })
        Save-StandInState $state
        'Driver package deleted successfully.'
        $global:LASTEXITCODE = 0
        return
    }
    'Invalid command line.'
    $global:LASTEXITCODE = 1
}

# ---------------------------------------------------------------------------------------------------
# Driver packages: the folders of state.driverFolders (each file's text, signer and, for a catalog, its
# members with the hash each had when the catalog was made) and what scripts write (state.madeFiles).
# Test-FileCatalog -Detailed: CatalogInformation with Status (Valid/ValidationFailed), HashAlgorithm,
# CatalogItems and PathItems (relative path -> hash), Signature.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.security/test-filecatalog
# Get-AuthenticodeSignature: Signature with Status (SignatureStatus), StatusMessage, SignerCertificate.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.security/get-authenticodesignature
# https://learn.microsoft.com/dotnet/api/system.management.automation.signature
# makecab /f file.ddf. https://learn.microsoft.com/windows-server/administration/windows-commands/makecab
# The stand-in's hash of a file is the SHA-256 of its text in UTF-8; its makecab stores files uncompressed
# (a 36-byte header, then per file 16 bytes, the name in the cabinet and the file's bytes).
# ---------------------------------------------------------------------------------------------------
$HlkaStandInPrograms += 'makecab.exe'

function Get-StandInTextBytes([string]$Text) { return (New-Object System.Text.UTF8Encoding $false).GetBytes($Text) }

function Get-StandInFileHash([string]$Text) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { return ([BitConverter]::ToString($sha.ComputeHash((Get-StandInTextBytes $Text))) -replace '-', '') } finally { $sha.Dispose() }
}

$env:SystemRoot = 'C:\Windows'

function Add-StandInDriverPackageFiles($State, $Files) {
    # Every Windows has its driver store's repository, empty or not.
    $Files['c:\windows\system32\driverstore\filerepository'] = @{ kind = 'dir'; path = 'C:\Windows\System32\DriverStore\FileRepository' }
    foreach ($folder in @($State.driverFolders)) {
        if ($null -eq $folder) { continue }
        $Files[(ConvertTo-StandInKey ([string]$folder.path))] = @{ kind = 'dir'; path = ([string]$folder.path).TrimEnd('\') }
        foreach ($file in @($folder.files)) {
            if ($null -eq $file) { continue }
            $path = ([string]$folder.path).TrimEnd('\') + '\' + [string]$file.name
            $p = $path -replace '\\[^\\]+$', ''
            while ($p -match '^(.*)\\[^\\]+$') {
                $Files[(ConvertTo-StandInKey $p)] = @{ kind = 'dir'; path = $p }
                $p = $Matches[1]
            }
            $Files[(ConvertTo-StandInKey $path)] = @{ kind = 'file'; path = $path; text = [string]$file.text; productVersion = ''; length = (Get-StandInTextBytes ([string]$file.text)).Length; package = $file }
        }
    }
    foreach ($made in @($State.madeFiles)) {
        if ($null -eq $made) { continue }
        $Files[(ConvertTo-StandInKey ([string]$made.path))] = @{ kind = [string]$made.kind; path = [string]$made.path; text = [string]$made.text; productVersion = ''; length = [int64]$made.bytes }
    }
}

function Find-StandInPackageFile($State, [string]$Path) {
    $entry = (Get-StandInFiles $State)[(ConvertTo-StandInKey $Path)]
    if ($null -eq $entry -or $null -eq $entry.package) { return $null }
    return $entry
}

function Test-FileCatalog {
    [CmdletBinding()]
    param([string]$CatalogFilePath, [string[]]$Path, [switch]$Detailed)
    $state = Read-StandInState
    $catalog = Find-StandInPackageFile $state $CatalogFilePath
    if ($null -eq $catalog) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError "Cannot find path '$CatalogFilePath' because it does not exist." 'PathNotFound' 'ObjectNotFound' $CatalogFilePath 'System.Management.Automation.ItemNotFoundException'))
    }
    $root = ([string]$Path[0]).TrimEnd('\')
    $prefix = (ConvertTo-StandInKey $root) + '\'
    $catalogItems = New-Object 'System.Collections.Generic.Dictionary[string,string]'
    foreach ($member in @($catalog.package.members)) { if ($null -ne $member) { $catalogItems[[string]$member.name] = [string]$member.hash } }
    $pathItems = New-Object 'System.Collections.Generic.Dictionary[string,string]'
    foreach ($entry in @((Get-StandInFiles $state).Values)) {
        if ($entry.kind -ne 'file' -or $entry.path -eq $catalog.path) { continue }
        $key = ConvertTo-StandInKey $entry.path
        if (-not $key.StartsWith($prefix)) { continue }
        $pathItems[$entry.path.Substring($root.Length + 1)] = Get-StandInFileHash $entry.text
    }
    $status = 'Valid'
    if ($pathItems.Count -ne $catalogItems.Count) { $status = 'ValidationFailed' }
    foreach ($name in @($pathItems.Keys)) {
        $recorded = @($catalogItems.Keys | Where-Object { $_ -ieq $name })
        if ($recorded.Count -eq 0 -or $catalogItems[$recorded[0]] -ne $pathItems[$name]) { $status = 'ValidationFailed' }
    }
    if (-not $Detailed) { return $status }
    return [pscustomobject]@{
        Status        = $status
        HashAlgorithm = 'SHA256'
        CatalogItems  = $catalogItems
        PathItems     = $pathItems
        Signature     = (Get-AuthenticodeSignature -LiteralPath $CatalogFilePath)
    }
}

function Get-AuthenticodeSignature {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$FilePath, [string]$LiteralPath)
    $target = $LiteralPath
    if (-not $target) { $target = $FilePath }
    $state = Read-StandInState
    $entry = Find-StandInPackageFile $state $target
    if ($null -eq $entry) {
        $PSCmdlet.ThrowTerminatingError((New-StandInError "Cannot find path '$target' because it does not exist." 'FileNotFound,Microsoft.PowerShell.Commands.GetAuthenticodeSignatureCommand' 'ObjectNotFound' $target 'System.Management.Automation.ItemNotFoundException'))
    }
    $signer = $entry.package.signer
    if ($null -eq $signer) {
        return [pscustomobject]@{ Status = 'NotSigned'; StatusMessage = "The file $target is not digitally signed."; SignerCertificate = $null; Path = $target }
    }
    $certificate = [pscustomobject]@{
        Subject    = [string]$signer.subject
        Issuer     = [string]$signer.issuer
        Thumbprint = [string]$signer.thumbprint
        NotAfter   = ([DateTime]::Parse([string]$signer.notAfter, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)).ToLocalTime()
    }
    $trusted = ([string]$signer.issuer).StartsWith('CN=Microsoft ') -or
        @($state.certificates | Where-Object { $_.store -eq 'Root' -and ([string]$_.thumbprint).ToUpperInvariant() -eq ([string]$signer.thumbprint).ToUpperInvariant() }).Count -gt 0
    if ($entry.package.changedAfterSigning) {
        $status = 'HashMismatch'
        $message = "The contents of file $target might have been changed by an unauthorized user or process, because the hash of the file does not match the hash stored in the digital signature."
    } elseif (-not $trusted) {
        $status = 'UnknownError'
        $message = 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.'
    } else {
        $status = 'Valid'
        $message = 'Signature verified.'
    }
    return [pscustomobject]@{ Status = $status; StatusMessage = $message; SignerCertificate = $certificate; Path = $target }
}

function Write-StandInMadeFile($State, [string]$Path, [string]$Kind, [string]$Text, [int64]$Bytes) {
    $key = ConvertTo-StandInKey $Path
    $kept = @($State.madeFiles | Where-Object { $null -ne $_ -and (ConvertTo-StandInKey ([string]$_.path)) -ne $key })
    $State.madeFiles = @($kept + @([pscustomobject]@{ path = $Path; kind = $Kind; text = $Text; bytes = $Bytes }))
    Save-StandInState $State
}

function Set-Content {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [Parameter(Position = 1)]$Value, [string]$Encoding, [switch]$NoNewline)
    $target = $LiteralPath
    if (-not $target) { $target = $Path }
    if (-not (Test-StandInWindowsPath $target)) { return Microsoft.PowerShell.Management\Set-Content @PSBoundParameters }
    $text = [string]$Value
    if (-not $NoNewline) { $text += "`r`n" }
    Write-StandInMadeFile (Read-StandInState) $target 'file' $text (Get-StandInTextBytes $text).Length
}

function New-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$ItemType, [switch]$Force)
    if (-not (Test-StandInWindowsPath $Path) -or $ItemType -ne 'Directory') { return Microsoft.PowerShell.Management\New-Item @PSBoundParameters }
    $state = Read-StandInState
    $target = $Path.TrimEnd('\')
    if (-not (Get-StandInFiles $state).ContainsKey((ConvertTo-StandInKey $target))) { Write-StandInMadeFile $state $target 'dir' '' 0 }
    return Get-Item -LiteralPath $target
}

function makecab.exe {
    'Cabinet Maker - Lossless Data Compression Tool'
    ''
    if ($args.Count -ne 2 -or $args[0] -ne '/f') { 'ERROR: Invalid command line'; $global:LASTEXITCODE = 1; return }
    $state = Read-StandInState
    $files = Get-StandInFiles $state
    $ddf = $files[(ConvertTo-StandInKey ([string]$args[1]))]
    if ($null -eq $ddf) { "ERROR: Could not open directive file: $($args[1])"; $global:LASTEXITCODE = 1; return }
    $directory = ''
    $name = ''
    $destination = ''
    $bytes = 36
    foreach ($line in @(([string]$ddf.text) -split "`r?`n")) {
        if ($line -match '^\.Set DiskDirectoryTemplate="?([^"]*)"?$') { $directory = $Matches[1] }
        elseif ($line -match '^\.Set CabinetNameTemplate=(.+)$') { $name = $Matches[1] }
        elseif ($line -match '^\.Set DestinationDir=(.+)$') { $destination = $Matches[1] }
        elseif ($line -match '^"(.+)"$') {
            $source = $files[(ConvertTo-StandInKey $Matches[1])]
            if ($null -eq $source -or $source.kind -ne 'file') { "ERROR: Could not find file: $($Matches[1])"; $global:LASTEXITCODE = 1; return }
            $inCabinet = $destination + '\' + ($source.path -replace '^.*\\', '')
            $bytes += 16 + (Get-StandInTextBytes $inCabinet).Length + 1 + [int64]$source.length
        }
    }
    Write-StandInMadeFile $state ($directory.TrimEnd('\') + '\' + $name) 'file' '' $bytes
    "Cabinet $name written."
    $global:LASTEXITCODE = 0
}

# ---------------------------------------------------------------------------------------------------
# The LocalMachine certificate stores through .NET's X509Store (New-Object ... X509Store -ArgumentList
# Name, 'LocalMachine'; Open('ReadWrite'), Add, Close), which signing-import-certificate.ps1 writes. New-Object
# is shadowed for that one type; every other type is PowerShell's own. Open for writing needs an elevated
# token ("Access is denied." otherwise); Add of a certificate the store holds already changes nothing.
# https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509store
# https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509store.add
# ---------------------------------------------------------------------------------------------------
function New-StandInCertificateStore([string]$Name) {
    $store = [pscustomobject]@{ Name = $Name; Location = 'LocalMachine' }
    Add-Member -InputObject $store -MemberType ScriptMethod -Name Open -Value {
        param($Flags)
        if ([string]$Flags -ne 'ReadOnly' -and -not (Read-StandInState).system.elevated) { throw 'Access is denied.' }
    }
    Add-Member -InputObject $store -MemberType ScriptMethod -Name Add -Value {
        param($Certificate)
        $state = Read-StandInState
        $thumbprint = [string]$Certificate.Thumbprint
        if (@($state.certificates | Where-Object { $_.store -eq $this.Name -and $_.thumbprint -eq $thumbprint }).Count -gt 0) { return }
        $state.certificates = @($state.certificates) + @([pscustomobject][ordered]@{
                store      = $this.Name
                subject    = [string]$Certificate.Subject
                thumbprint = $thumbprint
                notAfter   = $Certificate.NotAfter.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [Globalization.CultureInfo]::InvariantCulture)
            })
        Save-StandInState $state
    }
    Add-Member -InputObject $store -MemberType ScriptMethod -Name Close -Value { }
    return $store
}

function New-Object {
    param([Parameter(Position = 0)][string]$TypeName, [Parameter(Position = 1)][object[]]$ArgumentList, [System.Collections.IDictionary]$Property, [string]$ComObject, [switch]$Strict)
    if ($TypeName -match '^(System\.Security\.Cryptography\.X509Certificates\.)?X509Store$' -and $ArgumentList.Count -eq 2 -and [string]$ArgumentList[1] -eq 'LocalMachine') {
        return New-StandInCertificateStore ([string]$ArgumentList[0])
    }
    return Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}

# ---------------------------------------------------------------------------------------------------
# Restarting an adapter: Disable-NetAdapter and Enable-NetAdapter (-InputObject, -Confirm:$false). A TAP
# adapter's driver unloads when its last adapter is disabled and loads again, reading TapDiag, when one is
# enabled: what tapdiag set at run time (link, 802.1Q) is gone, as SimulatedHost.loadTapDriver has it.
# https://learn.microsoft.com/powershell/module/netadapter/disable-netadapter
# https://learn.microsoft.com/powershell/module/netadapter/enable-netadapter
# ---------------------------------------------------------------------------------------------------
function Set-StandInAdapterEnabled($Cmdlet, [string]$Verb, [string]$Name, $InputObject, [bool]$Enabled) {
    $state = Read-StandInState
    $current = $Name
    if ($null -ne $InputObject) { $current = [string]$InputObject.Name }
    $adapter = @($state.adapters | Where-Object { $_.name -eq $current }) | Select-Object -First 1
    if ($null -eq $adapter) {
        $Cmdlet.ThrowTerminatingError((New-StandInError "No MSFT_NetAdapter objects found with property 'Name' equal to '$current'." "CmdletizationQuery_NotFound_Name,$Verb" 'ObjectNotFound' $current))
    }
    if (-not $state.system.elevated) {
        $Cmdlet.ThrowTerminatingError((New-StandInError 'Access is denied.' "Windows System Error 5,$Verb" 'PermissionDenied' $current 'Microsoft.Management.Infrastructure.CimException'))
    }
    if (-not (Test-StandInTap $adapter)) { return }
    if ($Enabled) {
        $hasTap = @($state.adapters | Where-Object { Test-StandInTap $_ }).Count -gt 0
        $state.tapDriver.endpointOpen = [bool]($state.tapdiag.registryEnabled -and $state.tapdiag.driverSupportsEndpoint -and $hasTap)
    } else {
        $state.tapDriver.endpointOpen = $false
    }
    $state.tapDriver.link = 'on'
    $state.tapDriver.q = 'off'
    Save-StandInState $state
}

function Disable-NetAdapter {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param([Parameter(Position = 0)][string]$Name, $InputObject)
    Set-StandInAdapterEnabled $PSCmdlet 'Disable-NetAdapter' $Name $InputObject $false
}

function Enable-NetAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$Name, $InputObject)
    Set-StandInAdapterEnabled $PSCmdlet 'Enable-NetAdapter' $Name $InputObject $true
}

# ---------------------------------------------------------------------------------------------------
# tapdiag.exe, tap-windows6's HLK test helper (not a Microsoft program: what it does and prints is read from
# its source, tapdiag.cpp; shared/operations/scripts/tapdiag-functions.ps1 says what). Scripts run it by its
# full path, so the stand-in names an alias after the path the machine has it at (Set-StandInTapdiagAlias;
# an alias comes first in PowerShell's command lookup, before a path). Answers: exit code 0 done, 1 failed.
# It opens the first TAP adapter it finds, whatever is asked.
# ---------------------------------------------------------------------------------------------------
function Invoke-StandInTapdiag {
    # An alias left from another machine's path is harmless: the scripts look for the file (Test-Path) first.
    $state = Read-StandInState
    $switch = ''
    if ($args.Count -gt 0) { $switch = ([string]$args[0]).ToLowerInvariant() }
    if ($switch -eq '/enable') {
        $state.tapdiag.registryEnabled = $true
        Save-StandInState $state
        # Only the exit code of /enable is read; this line's wording is the stand-in's own.
        'TapDiag enabled.'
        $global:LASTEXITCODE = 0
        return
    }
    $tap = @($state.adapters | Where-Object { Test-StandInTap $_ }) | Select-Object -First 1
    if ($null -eq $tap) {
        'No TAP devices found.'
        'Failed to open TAP device.'
        $global:LASTEXITCODE = 1
        return
    }
    "Opening device '\\.\Global\{$($tap.macAddress)}.tapdiag'"
    if (-not $state.tapDriver.endpointOpen) {
        'Failed to open TAP device.'
        $global:LASTEXITCODE = 1
        return
    }
    'TAP Device opened.'
    if ($switch -match '^/link:(on|off)$') {
        $link = $Matches[1]
        if ($state.tapDriver.link -ne $link) { $state.tapDriver.linkChanges = [int]$state.tapDriver.linkChanges + 1 }
        $state.tapDriver.link = $link
        Save-StandInState $state
        'Successfully set media status.'
    } elseif ($switch -match '^/setq:(on|off|always)$') {
        $state.tapDriver.q = $Matches[1]
        Save-StandInState $state
        'Successfully set 802.1Q configuration.'
    }
    $global:LASTEXITCODE = 0
}

# PowerShell compiles a function at its first call, which on a busy computer takes seconds: the readers
# are called once now, while the practice lab starts, rather than under a client's time limit.
$null = Get-CimInstance -ClassName Win32_OperatingSystem
$null = Get-Service -Name 'HlkaStandInWarmUp' -ErrorAction SilentlyContinue
$null = @(Get-NetAdapter | ForEach-Object { Get-NetIPAddress -InterfaceIndex $_.ifIndex -ErrorAction SilentlyContinue })
$null = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
$null = ConvertTo-Json -InputObject ([ordered]@{ warm = @(1) }) -Depth 3 -Compress
