param($p)
# What every check starts from: which Windows this is, on what hardware, and when it last booted.
$os = Get-CimInstance -ClassName Win32_OperatingSystem
# Win32_OperatingSystem's Version is "10.0.17763"; [Environment]::OSVersion adds a revision of 0.
$version = [Version]('{0}.0' -f $os.Version)
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
$cpuCores = (Get-CimInstance -ClassName Win32_Processor | Measure-Object -Property NumberOfCores -Sum).Sum
$nt = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

$hardware = ('{0} {1}' -f $cs.Manufacturer, $cs.Model).Trim()
$virtualMarkers = @('Virtual Machine', 'VMware', 'VirtualBox', 'KVM', 'QEMU', 'Xen', 'Parallels', 'Bochs', 'Amazon EC2', 'Google Compute Engine')
$isVirtual = $false
foreach ($marker in $virtualMarkers) {
    if ($hardware -like "*$marker*") { $isVirtual = $true }
}

$pending = [System.Collections.Generic.List[string]]::new()
if (Test-Path -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending') {
    $pending.Add('Component Based Servicing')
}
if (Test-Path -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired') {
    $pending.Add('Windows Update')
}
$sessionManager = Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name 'PendingFileRenameOperations' -ErrorAction SilentlyContinue
if ($null -ne $sessionManager -and $null -ne $sessionManager.PendingFileRenameOperations) {
    $pending.Add('Pending file rename operations')
}

# An elevated token carries the High (or, for SYSTEM, the System) mandatory label; UAC's filtered token
# the Medium one. whoami prints the label's SID, which no display language changes.
$elevated = [bool](@(& whoami.exe /groups /fo csv /nh) -match '"S-1-16-(12288|16384)"')

[ordered]@{
    computerName       = $env:COMPUTERNAME
    osVersion          = $version.ToString()
    build              = [int]$version.Build
    ubr                = [int]$nt.UBR
    productName        = [string]$nt.ProductName
    edition            = [string]$nt.EditionID
    releaseId          = [string]$nt.ReleaseId
    cores              = [int]$cpuCores
    logicalProcessors  = [int]$cs.NumberOfLogicalProcessors
    hardware           = $hardware
    isVirtual          = $isVirtual
    lastBootTime       = $os.LastBootUpTime.ToUniversalTime().ToString('o')
    pendingReboot      = @($pending)
    powershellVersion  = $PSVersionTable.PSVersion.ToString()
    elevated           = $elevated
}
